/**
 * Warnings are plain strings, the same for a library caller and a command-line user, so a
 * warning that names a setting names it both ways: the flag first (what most readers type),
 * then the library option in a parenthesis. Errors do better: their advice has a form for each
 * reader (`suggestion`, `cliSuggestion` in errors.ts).
 *
 * `flagAndOption('--rigged', 'rigged: true')` → `--rigged (library: rigged: true)`
 */
export function flagAndOption(flag: string, option: string): string {
  return `${flag} (library: ${option})`;
}
