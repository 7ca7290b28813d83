/**
 * Seeded, realistic existing data written straight into the state (host
 * side, fast): `n` customers and `n` tickets spread over past months, with
 * varied statuses, owners and dates, their 历史 as a year of use leaves it
 * (the ticket's creation, its acknowledgement, one row per status it went
 * through: about 4 rows a ticket) and one 待审核 row per 20 tickets (most
 * handled), built column by column from the SheetSpecs (so columns follow
 * the schema, never positions), and blind-index tokens computed as the
 * add-on does (HMAC-SHA256 under INDEX_KEY_V1).
 */
import { createHmac } from 'node:crypto';
import type { Runtime } from '../local/runtime/runtime';
import type { RowState, SheetState, StoredValue } from '../local/runtime/state';
import { lastRow } from '../local/runtime/sheet-data';
import { MAX_CELLS } from '../src/domain/capacity';
import { CUSTOMERS, HISTORY, INTERNAL, NUMBER_FORMAT, REVIEW, TICKETS, type SheetSpec } from '../src/sheets/schema';
import { HISTORY_ACTION, REVIEW_STATE, STATUS, STATUSES } from '../src/domain/vocabulary';

/** The statuses a generated year spreads over: the lifecycle line (待客户补充 would stop clocks the figures measure). */
const LIFECYCLE = STATUSES.filter((s) => s !== STATUS.waiting);

const DAY = 86_400_000;
const NAMES = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨磊', '赵丽', '黄强', '周杰', '吴芳', '华东机电有限公司', '星河软件科技'];
const INDUSTRIES = ['互联网', '制造业', '零售', '教育', '金融', '医疗'];
const NEEDS = ['产品咨询', '技术支持', '售后服务', '投诉建议', '合作洽谈'];
const PRIORITIES = ['高', '中', '低'];
const ISSUES = ['功能缺陷', '操作疑问', '服务建议', '其他'];

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The mobile number of generated customer i (never one the bench submits as new). */
export const mobileOf = (i: number): string => '139' + String(i).padStart(8, '0');
export const emailOf = (i: number): string => `kehu${i}@example.com`;

function token(kind: string, value: string, key: Buffer): string {
  return kind[0] + ':' + createHmac('sha256', key).update(`${kind}:${value}`).digest('hex').slice(0, 32);
}

function sheetOf(rt: Runtime, name: string): SheetState {
  const s = rt.state.spreadsheet.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Maps records keyed by label onto the sheet's current header order. */
function writer(sheet: SheetState, spec: SheetSpec): (rec: Record<string, StoredValue>) => RowState {
  const header = sheet.rows[0]!.v.map((h) => String(h ?? ''));
  const cols = spec.columns.map((c) => ({ at: header.indexOf(c.label), fmt: NUMBER_FORMAT[c.kind] }));
  const template = sheet.rows[1];
  return (rec) => {
    const v: StoredValue[] = new Array<StoredValue>(header.length).fill(null);
    const fmt: (string | null)[] = new Array<string | null>(header.length).fill(null);
    spec.columns.forEach((c, i) => {
      const at = cols[i]!.at;
      if (at < 0) return;
      v[at] = rec[c.label] ?? null;
      fmt[at] = cols[i]!.fmt;
    });
    return template?.dv ? { v, fmt, dv: [...template.dv] } : { v, fmt };
  };
}

const ymd = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Appends `n` customers and `n` tickets below what the sheets hold. Numbers
 * use past dates (C/T + yyyyMMdd + 4 digits), so they never collide with the
 * ones the add-on issues today.
 */
/** What was generated: history rows are the newest that fit within 85% of the cell cap (the rest would not fit at all). */
export interface Generated {
  historyRows: number;
  /** History rows a year of use would hold that the cap left out. */
  historyLeftOut: number;
  reviewRows: number;
  /** Cells of the workbook's grids afterwards. */
  cells: number;
}

export function generateExisting(rt: Runtime, n: number, seed = 8): Generated {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const key = Buffer.from(rt.state.properties.script['INDEX_KEY_V1'] ?? '', 'base64');
  if (key.length === 0) throw new Error('run setup first: no INDEX_KEY_V1');
  const owners = ['sales1@example.com', 'sales2@example.com', 'support1@example.com', 'support2@example.com'];
  const now = rt.state.clock;
  const today = now - ((now + 8 * 3600_000) % DAY);
  const spanDays = Math.max(30, Math.ceil(n / 500));
  const customers = sheetOf(rt, CUSTOMERS.name);
  const tickets = sheetOf(rt, TICKETS.name);
  const history = sheetOf(rt, HISTORY.name);
  const review = sheetOf(rt, REVIEW.name);
  const customerRow = writer(customers, CUSTOMERS);
  const ticketRow = writer(tickets, TICKETS);
  const historyRow = writer(history, HISTORY);
  const reviewRow = writer(review, REVIEW);
  const perDay = new Map<string, number>();
  const cRows: RowState[] = [];
  const tRows: RowState[] = [];
  const hRows: RowState[] = [];
  const rRows: RowState[] = [];
  for (let i = 0; i < n; i++) {
    // Older rows first, as a sheet filled over time; the last week is busier.
    // Everything before today (script zone), so today's numbering starts fresh as it would.
    const at = today - 60_000 - Math.floor(((n - i - 1) / n) * spanDays * DAY) - Math.floor(random() * 3600_000);
    const day = ymd(at);
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const cno = `C${day}${String(seq).padStart(4, '0')}`;
    const tno = `T${day}${String(seq).padStart(4, '0')}`;
    const name = pick(NAMES);
    const mobile = mobileOf(i);
    const email = emailOf(i);
    const owner = pick(owners);
    const status = at < now - 14 * DAY ? pick([...LIFECYCLE.slice(2), ...LIFECYCLE]) : pick(LIFECYCLE);
    const closed = status === '已关闭' || status === '问题已解决';
    cRows.push(
      customerRow({
        [CUSTOMERS.col.no]: cno,
        客户类型: name.length > 4 ? '企业' : '个人',
        '姓名/企业名称': name,
        所属行业: pick(INDUSTRIES),
        手机号: mobile,
        电子邮箱: email,
        [CUSTOMERS.col.segment]: '新客户',
        [CUSTOMERS.col.firstContact]: { d: at },
        [CUSTOMERS.col.lastContact]: { d: at },
        [CUSTOMERS.col.ticketCount]: 1,
        [INTERNAL.matchIndex]: [token('mobile', mobile, key), token('email', email, key)].join(' '),
      }),
    );
    tRows.push(
      ticketRow({
        [TICKETS.col.no]: tno,
        [TICKETS.col.customerNo]: cno,
        '姓名/企业名称': name,
        需求类型: pick(NEEDS),
        具体需求描述: `希望了解产品方案与报价（第${i}号）`,
        期望响应时间: '24小时内',
        时间要求: '1个月内',
        满意度评分: closed && random() < 0.5 ? 1 + Math.floor(random() * 5) : null,
        [TICKETS.col.issueType]: pick(ISSUES),
        [TICKETS.col.priority]: pick(PRIORITIES),
        [TICKETS.col.owner]: owner,
        [TICKETS.col.deadline]: { d: at + DAY },
        [TICKETS.col.status]: status,
        收集渠道: pick(['在线表单', '线下录入', '导入', '接口']),
        经办人: '线上表单',
        填写日期: { d: at },
        [INTERNAL.source]: `gen_${i}`,
        [INTERNAL.team]: owner.startsWith('sales') ? '销售组' : '客服组',
        [TICKETS.col.firstResponseAt]: status === '新建' ? null : { d: at + Math.floor(random() * DAY) },
        [TICKETS.col.resolvedAt]: closed ? { d: at + Math.floor(random() * 5 * DAY) } : null,
        [INTERNAL.lastStatus]: status,
        [INTERNAL.lastOwner]: owner,
        // Open tickets older than three days were escalated by earlier hourly runs.
        [INTERNAL.escalation]: !closed && at < now - 3 * DAY ? 2 : 0,
        [INTERNAL.escalatedAt]: !closed && at < now - 3 * DAY ? { d: at + 2 * DAY } : null,
        [INTERNAL.closedAt]: status === '已关闭' ? { d: at + 6 * DAY } : null,
      }),
    );
    const log = (when: number, actor: string, action: string, oldValue: string, newValue: string, note: string) =>
      hRows.push(historyRow({ [HISTORY.col.at]: { d: when }, [HISTORY.col.ticketNo]: tno, [HISTORY.col.actor]: actor, [HISTORY.col.action]: action, [HISTORY.col.oldValue]: oldValue, [HISTORY.col.newValue]: newValue, [HISTORY.col.note]: note }));
    log(at, '系统', HISTORY_ACTION.created, '', '新建', '');
    log(at + 60_000, '系统', HISTORY_ACTION.queuedSent, email, '', '已收到您的需求');
    const reached = STATUSES.indexOf(status as (typeof STATUSES)[number]);
    for (let k = 1; k <= reached; k++) log(at + k * (DAY / 2), owner, HISTORY_ACTION.statusChanged, STATUSES[k - 1]!, STATUSES[k]!, '');
    if (i % 20 === 0) {
      rRows.push(reviewRow({
        [REVIEW.col.receivedAt]: { d: at - 3600_000 },
        [REVIEW.col.channel]: '在线表单',
        [REVIEW.col.problems]: '手机号格式不正确，请填写11位中国大陆手机号',
        [REVIEW.col.rawData]: JSON.stringify({ name, mobile: mobile.slice(0, 7), email, need_type: pick(NEEDS) }),
        [REVIEW.col.state]: i % 200 === 0 ? REVIEW_STATE.pending : random() < 0.8 ? REVIEW_STATE.resubmitted : REVIEW_STATE.voided,
        [REVIEW.col.handler]: '线上表单',
        [INTERNAL.source]: `gen_review_${i}`,
      }));
    }
  }
  // A year of 历史 at 100k tickets is more than one spreadsheet holds beside them: the newest rows that fit are kept.
  const grid = (sheet: SheetState, added: number) => Math.max(sheet.maxRows, lastRow(sheet) + added + 50) * sheet.maxColumns;
  const others = rt.state.spreadsheet.sheets.filter((sh) => ![customers, tickets, history, review].includes(sh)).reduce((c, sh) => c + sh.maxRows * sh.maxColumns, 0);
  const room = Math.floor(0.85 * MAX_CELLS) - others - grid(customers, cRows.length) - grid(tickets, tRows.length) - grid(review, rRows.length);
  const fits = Math.max(0, Math.floor(room / history.maxColumns) - lastRow(history) - 50);
  const kept = hRows.length > fits ? hRows.slice(hRows.length - fits) : hRows;
  for (const [sheet, rows] of [
    [customers, cRows],
    [tickets, tRows],
    [history, kept],
    [review, rRows],
  ] as const) {
    // Below the last row with content (rows past it may hold only formats and dropdowns).
    sheet.rows.length = lastRow(sheet);
    for (const r of rows) sheet.rows.push(r);
    sheet.maxRows = Math.max(sheet.maxRows, sheet.rows.length + 50);
  }
  const cells = rt.state.spreadsheet.sheets.reduce((c, sh) => c + sh.maxRows * sh.maxColumns, 0);
  return { historyRows: kept.length, historyLeftOut: hRows.length - kept.length, reviewRows: rRows.length, cells };
}
