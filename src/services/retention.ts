/**
 * Data retention (PIPL): when Config 跟进 / 个人信息保留期 is set, a monthly job
 * anonymises tickets closed for longer than that — the figures stay (type,
 * priority, dates, status, rating), the personal fields are blanked — and then
 * customers whose last contact is as old and who have no other live ticket.
 * Each anonymised ticket is logged in 历史; its traces elsewhere (历史 notes,
 * queued mails) and handled 待审核 rows as old are emptied too. One read per
 * sheet, one write per run of changed rows.
 */
import { HISTORY_ACTION, REVIEW_STATE, SYSTEM_ACTOR } from '../domain/vocabulary';
import { t } from '../i18n/messages';
import { CUSTOMERS, HISTORY, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import type { Cell, Row } from '../sheets/table';
import { AppContext } from './context';
import { writeRuns } from './escalation';
import { withScriptLock } from './lock';

const TICKET_PERSONAL = ['姓名/企业名称', '具体需求描述', '反馈内容', '进度说明', '核实事项', '备注'] as const;
const CUSTOMER_PERSONAL = [
  '姓名/企业名称', '性别', '年龄', '职位', '手机号', '固定电话', '电子邮箱', '联系地址', '证件号码', '推荐人信息',
  INTERNAL.matchIndex, INTERNAL.addressSealed, INTERNAL.idNumberSealed,
] as const;
const DONE = '是';
const DAY_MS = 86_400_000;

export interface RetentionReport {
  retentionDays: number | null;
  tickets: number;
  customers: number;
  /** 历史 notes, queued mails and handled 待审核 rows emptied of personal words. */
  traces: number;
}

function ms(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

/** Time-driven, monthly. */
export function runRetention(): RetentionReport {
  return withScriptLock(() => {
    const ctx = AppContext.load();
    const days = ctx.config.followUp.retentionDays;
    const report: RetentionReport = { retentionDays: days, tickets: 0, customers: 0, traces: 0 };
    if (days === null) return report;
    const cutoff = ctx.now.getTime() - days * DAY_MS;
    const tickets = ctx.table(TICKETS);
    const ticketWrites = new Map<string, Map<number, Cell>>();
    const history: Row[] = [];
    const live = new Set<string>();
    const anonymised = new Set<string>();
    const ticketRows = tickets.readAll();
    for (const { row, values } of ticketRows) {
      const ticketNo = String(values['工单编号'] ?? '');
      const customer = String(values['客户编号'] ?? '');
      if (values[INTERNAL.anonymised] === DONE) continue;
      const closedAt = ms(values[INTERNAL.closedAt]) ?? ms(values['解决时间']);
      if (values['状态'] !== '已关闭' || closedAt === null || closedAt > cutoff) {
        live.add(customer);
        continue;
      }
      for (const label of [...TICKET_PERSONAL, INTERNAL.anonymised]) {
        const m = ticketWrites.get(label) ?? new Map<number, Cell>();
        m.set(row, label === INTERNAL.anonymised ? DONE : '');
        ticketWrites.set(label, m);
      }
      anonymised.add(ticketNo);
      history.push({
        时间: ctx.now, 工单编号: ticketNo, 操作人: SYSTEM_ACTOR, 动作: HISTORY_ACTION.anonymised,
        原值: '', 新值: '', 说明: t('history.anonymisedNote', { days }),
      });
      report.tickets += 1;
    }
    for (const [label, cells] of ticketWrites) writeRuns(tickets, label, cells, ticketRows);

    const customers = ctx.table(CUSTOMERS);
    const customerWrites = new Map<string, Map<number, Cell>>();
    const customerRows = customers.readAll();
    for (const { row, values } of customerRows) {
      const no = String(values['客户编号'] ?? '');
      const last = ms(values['最近联系']);
      if (live.has(no) || last === null || last > cutoff || String(values['姓名/企业名称'] ?? '') === '') continue;
      for (const label of CUSTOMER_PERSONAL) {
        const m = customerWrites.get(label) ?? new Map<number, Cell>();
        m.set(row, '');
        customerWrites.set(label, m);
      }
      report.customers += 1;
    }
    for (const [label, cells] of customerWrites) writeRuns(customers, label, cells, customerRows);
    report.traces = scrubTraces(ctx, anonymised, cutoff);
    if (history.length) ctx.table(HISTORY).append(history);
    return report;
  });
}

/**
 * What else holds a customer's words: the 说明 of the anonymised tickets'
 * 历史 rows (survey feedback, progress notes), their mails still in the
 * queue sheet, and the raw answers of handled 待审核 rows received before the
 * cutoff. One read of the needed columns per sheet, one patch of nearby rows.
 */
function scrubTraces(ctx: AppContext, tickets: ReadonlySet<string>, cutoff: number): number {
  let scrubbed = 0;
  const scrub = (spec: SheetSpec, keys: string[], pick: (cols: Map<string, Cell[]>, i: number) => boolean, blank: Row): void => {
    const table = ctx.table(spec);
    const cols = table.readColumns(keys);
    const n = cols.get(keys[0]!)!.length;
    const updates = new Map<number, Row>();
    for (let i = 0; i < n; i++) if (pick(cols, i)) updates.set(i + 2, blank);
    table.patchRows(updates);
    scrubbed += updates.size;
  };
  if (tickets.size > 0) {
    scrub(HISTORY, ['工单编号', '说明'], (c, i) => tickets.has(String(c.get('工单编号')![i])) && c.get('说明')![i] !== '', { 说明: '' });
    scrub(MAIL_QUEUE, ['工单编号', '正文'], (c, i) => tickets.has(String(c.get('工单编号')![i])) && c.get('正文')![i] !== '', {
      收件人: '', 主题: '', 正文: '', HTML: '',
    });
  }
  const pending = REVIEW_STATE.pending;
  scrub(REVIEW, ['收到时间', '处理状态', '原始数据'], (c, i) => {
    const at = ms(c.get('收到时间')![i]);
    return at !== null && at <= cutoff && c.get('处理状态')![i] !== pending && c.get('原始数据')![i] !== '';
  }, { 原始数据: '' });
  return scrubbed;
}
