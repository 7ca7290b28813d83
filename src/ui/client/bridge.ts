/** google.script.run with typed callbacks (Apps Script in the sheet, or the `cli ui` bridge locally). */
interface ScriptRunner {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRunner;
  withFailureHandler(fn: (error: unknown) => void): ScriptRunner;
  [fn: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

export function runServer<T>(fn: string, args: unknown[], ok: (value: T) => void, fail: (error: unknown) => void): void {
  const runner = google.script.run.withSuccessHandler((v) => ok(v as T)).withFailureHandler(fail);
  const call = runner[fn];
  if (typeof call !== 'function') {
    fail(new Error(fn));
    return;
  }
  (call as (...a: unknown[]) => void).apply(runner, args);
}
