/** Source of a function as CouchDB stores it: anonymous, so every engine compiles it as an expression. */
export function functionSource(fn: (...args: never[]) => unknown): string {
  return fn.toString().replace(/^function\s*[\w$]*\s*\(/, 'function (');
}
