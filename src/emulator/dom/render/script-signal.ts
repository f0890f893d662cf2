/**
 * A Qt signal as QtScript shows it to DAZ scripts: `obj.renderFinished.connect(fn)` or
 * `obj["renderFinished(bool)"].connect(fn)`, `disconnect(fn)`, and calling it emits. A receiver
 * may also be given as `(thisObject, function)`, as QtScript allows.
 */
export interface ScriptSignal {
  (...args: unknown[]): void;
  connect(receiver: unknown, method?: unknown): void;
  disconnect(receiver: unknown, method?: unknown): void;
}

type Slot = { self: unknown; fn: (...args: unknown[]) => unknown };

export function scriptSignal(typeError: (message: string) => Error): ScriptSignal {
  const slots: Slot[] = [];
  const slotOf = (receiver: unknown, method?: unknown): Slot => {
    if (typeof receiver === 'function' && method === undefined)
      return { self: undefined, fn: receiver as Slot['fn'] };
    if (typeof method === 'function') return { self: receiver, fn: method as Slot['fn'] };
    throw typeError('Function.prototype.connect: target is not a function');
  };
  const signal = ((...args: unknown[]) => {
    for (const slot of [...slots]) slot.fn.apply(slot.self, args);
  }) as ScriptSignal;
  signal.connect = (receiver, method) => {
    slots.push(slotOf(receiver, method));
  };
  signal.disconnect = (receiver, method) => {
    const wanted = slotOf(receiver, method);
    const at = slots.findIndex((s) => s.fn === wanted.fn && s.self === wanted.self);
    if (at < 0) throw typeError('Function.prototype.disconnect: failed to disconnect');
    slots.splice(at, 1);
  };
  return signal;
}
