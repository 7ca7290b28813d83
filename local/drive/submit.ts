/**
 * Drives submissions through one of the add-on's four entry points, as the
 * real world would: a Form response and its submit trigger, the manual-entry
 * server function, rows pasted into 导入 and the import menu item, or a POST
 * to the web app. Used by `cli submit`, the demo, tests and benchmarks.
 */
import { fieldByName } from '../../src/domain/fields';
import type { Runtime, ExecutionResult } from '../runtime/runtime';
import { findSheet, getCell, insertColumns, insertRows, lastColumn, lastRow, setCell } from '../runtime/sheet-data';
import { configValue, firstStaff } from './config-view';
import type { RawRecord } from './input';

export type Via = 'form' | 'manual' | 'import' | 'webhook';

/** What became of one submission (the add-on's outcome, or why it did not run). */
export interface Outcome {
  outcome: string;
  [k: string]: unknown;
}

/** One line of `submit`'s output. */
export interface SubmitLine extends Outcome {
  index: number;
}

export interface SubmitOptions {
  /** Epoch ms to set the clock to before submitting (it never goes backwards). */
  at?: number;
  /** Staff member for manual entry and import. */
  as?: string;
}

const CONSENT_YES = /^(同意|是|true|yes|1|✓)$/i;

export function submitVia(rt: Runtime, via: Via, records: RawRecord[], opts: SubmitOptions = {}): SubmitLine[] {
  if (opts.at !== undefined) rt.advanceClockTo(Math.max(opts.at, rt.state.clock));
  switch (via) {
    case 'form':
      return records.map((r, index) => ({ index, ...submitFormRecord(rt, r) }));
    case 'manual': {
      const staff = opts.as ?? firstStaff(rt.state) ?? rt.state.owner;
      return records.map((r, index) => ({
        index,
        ...fromExecution(rt.run('submitManualEntry', [{ answers: r }], { user: staff })),
      }));
    }
    case 'import':
      return submitImport(rt, records, opts.as ?? firstStaff(rt.state) ?? rt.state.owner);
    case 'webhook':
      return submitWebhook(rt, records);
  }
}

function fromExecution(r: ExecutionResult): Outcome {
  if (!r.ok) return { outcome: 'failed', error: r.error };
  return r.value as Outcome;
}

/**
 * A customer filling the Form: answers go to the items whose titles are the
 * field labels. A field that is not on the Form cannot be submitted through
 * it: reported, not silently dropped.
 */
function submitFormRecord(rt: Runtime, record: RawRecord): Outcome {
  const formApp = rt.services.FormApp;
  const formId = rt.state.properties.script['FORM_ID'];
  if (!formId) return { outcome: 'failed', error: 'no Form: run init first' };
  const form = rt.state.forms.find((f) => f.id === formId);
  if (!form) return { outcome: 'failed', error: `the Form ${formId} no longer exists: run setup again` };
  const answers: { itemId: number; response: string | string[] }[] = [];
  const notOnForm: string[] = [];
  for (const [name, value] of Object.entries(record)) {
    const field = fieldByName(name);
    const item = field ? form.items.find((i) => i.title === field.label) : undefined;
    if (!field || !item) {
      if (value !== '' && value !== null && value !== undefined) notOnForm.push(name);
      continue;
    }
    if (item.type === 'CHECKBOX') {
      if (CONSENT_YES.test(String(value).trim()) || value === true) answers.push({ itemId: item.id, response: [...(item.choices ?? [])] });
      continue;
    }
    const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (text !== '') answers.push({ itemId: item.id, response: text });
  }
  let response;
  try {
    response = formApp.hostSubmit(formId, answers, { at: rt.state.clock });
  } catch (err) {
    // What the customer meets: an unpublished, closed or domain-only Form takes nothing.
    return { outcome: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  const results = rt.fireFormSubmit(formId, response.id);
  const first = results[0];
  const line: Outcome = first ? fromExecution(first) : { outcome: 'pending', note: 'the trigger did not fire; the sweep will process it' };
  if (notOnForm.length) line['notOnForm'] = notOnForm;
  return line;
}

/**
 * Staff paste the rows into 导入 under its headers and run 导入表格数据. The
 * paste is parsed as Sheets parses it (an ID number in a number cell loses
 * digits); a paste past the sheet's edge grows it, the new rows and columns
 * taking the formats beside them, as Sheets does.
 */
function submitImport(rt: Runtime, records: RawRecord[], staff: string): SubmitLine[] {
  const sheet = findSheet(rt.state, '导入');
  if (!sheet) return records.map((_, index) => ({ index, outcome: 'failed', error: 'no 导入 sheet: run init first' }));
  const headers: string[] = [];
  for (let c = 1; c <= lastColumn(sheet); c++) headers.push(String(getCell(sheet, 1, c) ?? ''));
  const first = lastRow(sheet) + 1;
  const block = records.map((rec) => {
    const line: string[] = [];
    for (const [name, value] of Object.entries(rec)) {
      const field = fieldByName(name);
      const label = field ? field.label : name;
      let col = headers.indexOf(label) + 1;
      if (col === 0) {
        // An unknown column is added beside the others, as a person pasting a CRM export would.
        headers.push(label);
        col = headers.length;
        if (sheet.maxColumns < col) insertColumns(sheet, sheet.maxColumns + 1, col - sheet.maxColumns, sheet.maxColumns);
        setCell(sheet, 1, col, label);
      }
      line[col - 1] = pasted(value);
    }
    return Array.from({ length: headers.length }, (_, i) => line[i] ?? '');
  });
  const needed = first + records.length - 1;
  if (sheet.maxRows < needed) insertRows(sheet, sheet.maxRows + 1, needed - sheet.maxRows, sheet.maxRows);
  const paste = rt.pasteRange('导入', first, 1, block, staff);
  if (paste.refused.length) {
    const error = paste.refused.map((r) => `row ${r.row}, column ${r.column}: ${r.message}`).join('; ');
    return records.map((_, index) => ({ index, outcome: 'failed', error }));
  }
  const r = rt.run('importFromSheet', [], { user: staff });
  if (!r.ok) return records.map((_, index) => ({ index, outcome: 'failed', error: r.error }));
  const report = r.value as { outcomes: { row: number; outcome: Outcome }[] };
  return records.map((_, index) => {
    const hit = report.outcomes.find((o) => o.row === first + index);
    return { index, ...(hit ? hit.outcome : { outcome: 'skipped', note: 'empty row, or left for the next import run' }) };
  });
}

/** The text a record's value is pasted as. */
function pasted(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** An integration POSTs the records as one JSON batch with the Config's token. */
function submitWebhook(rt: Runtime, records: RawRecord[]): SubmitLine[] {
  const token = configValue(rt.state, '接口', '令牌') ?? '';
  // No source name: 经办人 shows the product's own word for it (接口), not an internal code.
  const body = JSON.stringify({ submissions: records });
  const r = rt.run('doPost', [{ postData: { contents: body, type: 'application/json', length: body.length, name: 'postData' }, parameter: { token }, parameters: { token: [token] }, contextPath: '', contentLength: body.length, queryString: `token=${token}` }], { user: '' });
  if (!r.ok) return records.map((_, index) => ({ index, outcome: 'failed', error: r.error }));
  const reply = JSON.parse((r.value as { getContent(): string }).getContent()) as { ok: boolean; status: number; error?: string; results?: SubmitLine[] };
  if (!reply.ok && !reply.results) return records.map((_, index) => ({ index, outcome: 'failed', status: reply.status, error: reply.error }));
  return records.map((_, index) => reply.results?.find((x) => x.index === index) ?? { index, outcome: 'failed', status: reply.status, error: reply.error });
}

