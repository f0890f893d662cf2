/**
 * A V8 context starts with ES2023 built-ins; QtScript has ES5's. Scripts that lean on newer
 * built-ins (`Promise`, `Map`, `"a".includes`, `Object.assign` ...) work in the emulator but
 * break in DAZ Studio, so they are removed from the script context and fail here as they would
 * there: with a TypeError or ReferenceError.
 *
 * Runs once inside the fresh context, as source text, so it touches that realm's built-ins.
 */
export const REMOVE_POST_ES5_BUILTINS = `(function (g) {
  var globals = ['Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry',
    'Symbol', 'Proxy', 'Reflect', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer',
    'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
    'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
    'AggregateError', 'Intl', 'WebAssembly', 'globalThis', 'escape', 'unescape'];
  var members = {
    Object: ['assign', 'entries', 'values', 'fromEntries', 'is', 'getOwnPropertySymbols',
      'getOwnPropertyDescriptors', 'setPrototypeOf', 'hasOwn', 'groupBy'],
    Array: ['from', 'of'],
    'Array.prototype': ['find', 'findIndex', 'findLast', 'findLastIndex', 'fill', 'copyWithin',
      'includes', 'flat', 'flatMap', 'entries', 'keys', 'values', 'at', 'toReversed', 'toSorted',
      'toSpliced', 'with'],
    'String.prototype': ['includes', 'startsWith', 'endsWith', 'repeat', 'padStart', 'padEnd',
      'codePointAt', 'normalize', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'at',
      'replaceAll', 'matchAll', 'isWellFormed', 'toWellFormed'],
    String: ['fromCodePoint', 'raw'],
    Number: ['isInteger', 'isSafeInteger', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
      'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'],
    Math: ['trunc', 'sign', 'cbrt', 'log2', 'log10', 'log1p', 'expm1', 'hypot', 'clz32', 'imul',
      'fround', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh'],
    'Function.prototype': [],
    'RegExp.prototype': ['flags', 'sticky', 'unicode', 'dotAll', 'hasIndices']
  };
  for (var i = 0; i < globals.length; i++) { delete g[globals[i]]; }
  for (var path in members) {
    var parts = path.split('.'), target = g;
    for (var j = 0; j < parts.length; j++) { target = target[parts[j]]; }
    var names = members[path];
    for (var k = 0; k < names.length; k++) { delete target[names[k]]; }
  }
})(this);`;
