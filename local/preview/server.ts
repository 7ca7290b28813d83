/**
 * Local preview of the staff sidebars: serves dist/<sidebar>.html on
 * 127.0.0.1 with a google.script.run bridge. Each call runs the bundle's
 * entry point in the runtime over the state folder, as the chosen staff
 * member, and saves the folder afterwards; calls run one at a time.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DIST_DIR, openRuntime, saveSession } from '../cli/session';

/** The server functions the sidebars and the owner's access dialog call; nothing else is reachable through the bridge. */
export const SIDEBAR_FUNCTIONS: readonly string[] = ['manualEntrySetup', 'submitManualEntry', 'lookupCustomer', 'reviewQueueSetup', 'resubmitReview', 'voidReview', 'myTickets', 'setMyTicketStatus', 'confirmMyTicketChanges', 'accessSettings', 'saveAccessSettings', 'formToolSettings', 'renewFormToolToken', 'disableFormTool', 'saveWjxSignKey', 'personalRequestsSetup', 'findPersonalData', 'exportPersonalData', 'correctPersonalData', 'erasePersonalData', 'robotSettings', 'saveRobotSettings', 'robotSettingsAction', 'smsSettings', 'saveSmsSettings', 'smsSettingsAction'];

/** google.script.run as the sidebars see it in Sheets: handlers, user object, asynchronous calls. */
const BRIDGE = `<script>
(function () {
  function runner(o) {
    return new Proxy({}, { get: function (_, name) {
      if (name === 'withSuccessHandler') return function (f) { return runner(Object.assign({}, o, { ok: f })); };
      if (name === 'withFailureHandler') return function (f) { return runner(Object.assign({}, o, { fail: f })); };
      if (name === 'withUserObject') return function (u) { return runner(Object.assign({}, o, { user: u })); };
      return function () {
        var args = Array.prototype.slice.call(arguments);
        var fail = function (message) { if (o.fail) o.fail(new Error(message), o.user); };
        fetch('/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
          .then(function (r) { return r.json(); })
          .then(function (r) { if (r.ok) { if (o.ok) o.ok(r.value, o.user); } else fail(r.error); }, function (e) { fail(String(e && e.message || e)); });
      };
    } });
  }
  window.google = { script: { run: runner({}), host: { close: function () {} } } };
})();
</script>`;

export interface PreviewOptions {
  stateDir: string;
  /** The staff member the calls run as (Session.getActiveUser). */
  user: string;
  port?: number;
}

export interface Preview {
  url: string;
  close(): Promise<void>;
}

interface RunReply {
  ok: boolean;
  value?: unknown;
  error?: string;
}

export function sidebarNames(): string[] {
  return fs.readdirSync(DIST_DIR).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length));
}

function page(name: string): string | null {
  if (!/^[\w-]+$/.test(name) || !sidebarNames().includes(name)) return null;
  const html = fs.readFileSync(path.join(DIST_DIR, name + '.html'), 'utf8');
  return html.replace('<head>', () => '<head>\n' + BRIDGE);
}

function index(): string {
  const links = sidebarNames().map((n) => `<li><a href="/${n}">${n}</a></li>`).join('');
  return `<!DOCTYPE html><meta charset="utf-8"><title>sidebars</title><ul>${links}</ul>`;
}

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  let queue: Promise<unknown> = Promise.resolve();
  const call = (fn: string, args: unknown[]): Promise<RunReply> => {
    const next = queue.then(async (): Promise<RunReply> => {
      if (!SIDEBAR_FUNCTIONS.includes(fn)) return { ok: false, error: `not a sidebar function: ${fn}` };
      const { runtime } = openRuntime(opts.stateDir);
      const r = runtime.run(fn, args, { user: opts.user });
      await saveSession(opts.stateDir, runtime);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const server = http.createServer((req, res) => {
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type + '; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method === 'POST' && req.url === '/run') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: { fn?: unknown; args?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { fn?: unknown; args?: unknown };
        } catch {
          send(400, 'application/json', JSON.stringify({ ok: false, error: 'bad request' }));
          return;
        }
        const args = Array.isArray(body.args) ? (body.args as unknown[]) : [];
        call(String(body.fn), args).then(
          (reply) => send(200, 'application/json', JSON.stringify(reply)),
          (e: unknown) => send(500, 'application/json', JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) })),
        );
      });
      return;
    }
    const name = (req.url ?? '/').split('?')[0]!.replace(/^\//, '');
    if (req.method === 'GET' && name === '') return send(200, 'text/html', index());
    const html = req.method === 'GET' ? page(name) : null;
    if (html === null) return send(404, 'text/plain', 'not found');
    send(200, 'text/html', html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
