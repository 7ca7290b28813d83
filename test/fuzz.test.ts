/**
 * Fuzz: 10,000 hostile submissions through the shipped bundle's webhook entry
 * point (doPost, 100 per execution, as an integration would batch them, in
 * fresh worlds of 1,000 submissions each), plus a few 5 MB values through the
 * Form and the webhook. Zero crashes, zero formula cells, no raw HTML in any
 * mail, every input either accepted or in 待审核.
 */
import fc from 'fast-check';
import type { Runtime } from '../local/runtime/runtime';
import { setConfigValue } from '../local/drive/config-view';
import { formulaCells, person, rows, submit, world } from './helpers/world';

const TOKEN = 'fuzz_token_0123456789abcdef';
const BATCH = 100;
const BATCHES_PER_WORLD = 10;
const WORLDS = 10;

const FIELD_KEYS = Object.keys(person({ address: '', id_number: '', gender: '', age: '', position: '', landline: '', budget: '', feedback: '', notes: '', satisfaction: '', related_ticket: '', product_version: '', referrer: '', source_channel: '', company_size: '', cooperation_mode: '' }));

const prefix = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '=HYPERLINK("http://evil.example","x")', '=IMPORTXML(A1,"//a")', '+1+1', '@SUM(1)', '');
const nasty = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</td></tr><a href="javascript:alert(1)">x</a>',
  '\u202Eevil\u202C',
  '\u200F\u200E\u2066x\u2069',
  '\u0000\u0001\u0007\u001B\u007F',
  '😀👩🏽‍💻𝕏𠀋',
  '\uD800',
  '{{t}}${x}%s',
  '',
);
const hostileString = fc.tuple(prefix, fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 })), fc.oneof(nasty, fc.constant(''))).map(([a, b, c]) => a + b + c);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 2 }),
);
/** A valid submission with some fields hostile, some keys missing and some unknown keys added. */
const hostileRecord = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...FIELD_KEYS), hostileValue, { maxKeys: 6 }),
    fc.uniqueArray(fc.constantFrom(...FIELD_KEYS), { maxLength: 3 }),
    fc.dictionary(hostileString.filter((k) => !['id', 'token', 'source', '__proto__'].includes(k)), hostileValue, { maxKeys: 2 }),
    fc.integer({ min: 0, max: 99_999_999 }),
  )
  .map(([hostile, missing, extra, n]) => {
    const rec: Record<string, unknown> = { ...person({ mobile: '139' + String(n).padStart(8, '0'), email: `f${n}@example.com` }), ...extra, ...hostile };
    for (const k of missing) delete rec[k];
    return rec;
  });

function post(rt: Runtime, submissions: unknown[]): { ok: boolean; status: number; error?: string; results?: { outcome: string }[] } {
  const body = JSON.stringify({ source: 'fuzz', submissions });
  const r = rt.run('doPost', [{ postData: { contents: body, type: 'application/json', length: body.length, name: 'postData' }, parameter: { token: TOKEN }, parameters: { token: [TOKEN] }, contextPath: '', contentLength: body.length, queryString: '' }], { user: '' });
  if (!r.ok) throw new Error(`doPost crashed: ${r.error}`);
  return JSON.parse((r.value as { getContent(): string }).getContent()) as never;
}

function freshWorld(): Runtime {
  const rt = world();
  expect(setConfigValue(rt.state, '接口', '令牌', TOKEN)).toBe(true);
  rt.state.limits.mailRecipients = 1_000_000;
  return rt;
}

/** The tags the mail templates use; an input that escaped escaping would add another tag or an on…= / javascript: attribute. */
const TEMPLATE_TAGS = new Set(['html', 'head', 'body', 'meta', 'div', 'p', 'h1', 'h2', 'h3', 'table', 'tbody', 'tr', 'td', 'th', 'a', 'span', 'br', 'strong', 'b', 'hr', 'ul', 'ol', 'li', 'small']);

function rawHtml(html: string): string[] {
  const bad: string[] = [];
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const [tag, name, attrs] = [m[0], m[1]!.toLowerCase(), m[2] ?? ''];
    if (!TEMPLATE_TAGS.has(name) || /\son[a-z]+\s*=|javascript:/i.test(attrs)) bad.push(tag.slice(0, 80));
  }
  return bad;
}

function checkWorld(rt: Runtime, counts: Record<string, number>): void {
  expect(formulaCells(rt)).toEqual([]);
  for (const m of rt.state.mail.sent) expect({ subject: m.subject, rawHtml: rawHtml(m.htmlBody) }).toEqual({ subject: m.subject, rawHtml: [] });
  // Every input is accounted for: a ticket or a 待审核 row (a repeat, one of those already).
  expect(rows(rt, '工单').length).toBe(counts['accepted'] ?? 0);
  expect(rows(rt, '待审核').length).toBe(counts['review'] ?? 0);
}

test(`${WORLDS * BATCHES_PER_WORLD * BATCH} hostile submissions: no crash, no formula, no raw HTML, each accepted, in 待审核 or a repeat of one`, () => {
  const total: Record<string, number> = {};
  let rt = freshWorld();
  let counts: Record<string, number> = {};
  let batches = 0;
  fc.assert(
    fc.property(fc.array(hostileRecord, { minLength: BATCH, maxLength: BATCH }), (batch) => {
      const reply = post(rt, batch);
      expect({ ok: reply.ok, status: reply.status, error: reply.error }).toEqual({ ok: true, status: 200, error: undefined });
      expect(reply.results).toHaveLength(BATCH);
      for (const r of reply.results!) {
        // The same body again within a day (the generator repeats some) is answered with the first one's result.
        expect(['accepted', 'review', 'duplicate']).toContain(r.outcome);
        counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
        total[r.outcome] = (total[r.outcome] ?? 0) + 1;
      }
      batches += 1;
      if (batches % BATCHES_PER_WORLD === 0) {
        checkWorld(rt, counts);
        rt = freshWorld();
        counts = {};
      }
    }),
    { numRuns: WORLDS * BATCHES_PER_WORLD, seed: 20261123, endOnFailure: true },
  );
  const n = (total['accepted'] ?? 0) + (total['review'] ?? 0) + (total['duplicate'] ?? 0);
  expect(n).toBe(WORLDS * BATCHES_PER_WORLD * BATCH);
  // Both outcomes occur: the fuzz reaches the accepting path, not only validation.
  expect(total['accepted']).toBeGreaterThan(1000);
  expect(total['review']).toBeGreaterThan(1000);
});

test('the raw-HTML check finds an unescaped tag (the check can fail)', () => {
  expect(rawHtml('<p style="x">a</p><img src=x onerror=alert(1)>')).toEqual(['<img src=x onerror=alert(1)>']);
  expect(rawHtml('<a href="javascript:alert(1)">x</a>')).toHaveLength(1);
  expect(rawHtml('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toEqual([]);
});

test('5 MB values through the Form and the webhook: filed or in 待审核, nothing crashes, no formula', () => {
  const rt = freshWorld();
  const huge = '=' + '长'.repeat(5 * 1024 * 1024);
  const viaForm = submit(rt, [person({ need_description: huge, mobile: '13900000001' }), person({ name: huge, mobile: '13900000002' })]);
  for (const o of viaForm) expect(['accepted', 'review']).toContain(o.outcome);
  const reply = post(rt, [person({ feedback: huge, mobile: '13900000003' }), { ...person({ mobile: '13900000004' }), [huge.slice(0, 1000)]: huge }]);
  expect(reply.ok).toBe(true);
  for (const o of reply.results!) expect(['accepted', 'review']).toContain(o.outcome);
  expect(formulaCells(rt)).toEqual([]);
  // No cell holds more than Sheets' 50,000-character limit.
  for (const sheet of rt.state.spreadsheet.sheets) for (const row of sheet.rows) for (const v of row?.v ?? []) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(50_000);
});
