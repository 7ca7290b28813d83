/**
 * `implements Emulates<GoogleAppsScript.Spreadsheet.Range, 'getValues' | …>`
 * makes tsc check every emulated method against @types/google-apps-script:
 * parameters exactly, and return types exactly where they are plain data.
 * Returns that are other service objects (Sheet, Range, …) are emulated
 * classes of their own and checked where those classes are declared.
 */
type Plain = string | number | boolean | void | null | undefined | Date;
type Mirror<R> = [R] extends [Plain] ? R : [R] extends [Plain[]] ? R : [R] extends [Plain[][]] ? R : unknown;

export type Emulates<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: A) => Mirror<R> : T[P];
};
