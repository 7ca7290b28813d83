import { FIELDS, FIELD_LABEL } from '../domain/fields';

/**
 * The add-on's sheets: names, columns (headers are the zh-CN labels) and the
 * kind of each column, which decides its number format. Sheets are always
 * read by header, so staff may reorder, insert and sort freely.
 */

export type ColumnKind = 'text' | 'int' | 'datetime' | 'date' | 'decimal';

export interface ColumnSpec<L extends string = string> {
  label: L;
  kind: ColumnKind;
  /** Internal bookkeeping: hidden from staff, never shown in mails. */
  hidden?: boolean;
  /**
   * Added by a later version, and blank means "nothing recorded yet": when
   * row 1 lacks it, the table appends it (hidden if it is), so a workbook
   * set up by an older version keeps filing before anyone runs 初始化/修复.
   */
  appends?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** Column widths by label, for setup. */
  wide?: readonly string[];
  /** Staff paste whole exports into it, columns of their own too: every cell is plain text. */
  pastedInto?: boolean;
  /** The column whose value names a row once and for all (a number the add-on gave it), if there is one. */
  key?: string;
  /**
   * A sheet every submission writes: a column a newer version added is
   * appended to row 1 when missing (after staff's own columns, where 初始化/修复
   * also puts it), so an update pushed with clasp files and mails before
   * anyone runs 初始化/修复.
   */
  appendsColumns?: boolean;
  /**
   * Body rows a new sheet is made with, when it stays small: every cell's
   * format and rule is a cell setup writes. Rows staff add take those of the row above.
   */
  rows?: number;
}

/** A sheet with typed column handles: `TICKETS.col.status` is the label `'状态'`, checked by the compiler. */
export type SheetWithColumns<C extends Record<string, ColumnSpec>> = SheetSpec & {
  readonly col: { readonly [K in keyof C]: C[K]['label'] };
};

/** The column labels of a sheet with handles (every label for a plain SheetSpec). */
export type LabelOf<S extends SheetSpec> = S extends { readonly col: infer C } ? C[keyof C] & string : string;

const text = <L extends string>(label: L, hidden = false): ColumnSpec<L> => ({ label, kind: 'text', hidden });
const int = <L extends string>(label: L, hidden = false): ColumnSpec<L> => ({ label, kind: 'int', hidden });
const datetime = <L extends string>(label: L, hidden = false): ColumnSpec<L> => ({ label, kind: 'datetime', hidden });
const date = <L extends string>(label: L): ColumnSpec<L> => ({ label, kind: 'date' });
const decimal = <L extends string>(label: L): ColumnSpec<L> => ({ label, kind: 'decimal' });
/** A column a later version added, appended by the table when missing (ColumnSpec.appends). */
const added = <L extends string>(column: ColumnSpec<L>): ColumnSpec<L> => ({ ...column, appends: true });

/** A sheet from its columns in order (object order is column order); `wide` names handles. */
function sheet<C extends Record<string, ColumnSpec>>(name: string, columns: C, wide: readonly (keyof C)[] = [], key?: keyof C): SheetWithColumns<C> {
  const col = Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c.label])) as SheetWithColumns<C>['col'];
  return { name, columns: Object.values(columns), wide: wide.map((k) => columns[k]!.label), col, ...(key ? { key: columns[key]!.label } : {}) };
}

export const SHEET = {
  customers: '客户',
  tickets: '工单',
  review: '待审核',
  history: '历史',
  config: '配置',
  import: '导入',
  reports: '报表',
  mailQueue: '邮件队列',
  outbound: '通知队列',
  selfCheck: '自检',
  retro: '复盘',
  /** Made and deleted by each self-check run, for the checks that change a sheet. */
  selfCheckScratch: '自检临时',
} as const;

const F = FIELD_LABEL;

/** Labels that more than one sheet uses (the same thing in each). */
const TICKET_NO = '工单编号';
const CUSTOMER_NO = '客户编号';

/** Internal columns (hidden): the blind index, the cipher texts, source ids and follow-up bookkeeping. */
export const INTERNAL = {
  matchIndex: '匹配索引',
  addressSealed: '联系地址密文',
  idNumberSealed: '证件号码密文',
  source: '来源编号',
  team: '负责团队',
  /** Follow-up bookkeeping: the last accepted status and owner (the old value of a pasted edit). */
  lastStatus: '上次状态',
  lastOwner: '上次负责人',
  /** 0 none, 1 owner mailed, 2 supervisor mailed; when the last level was reached. */
  escalation: '升级级别',
  escalatedAt: '升级时间',
  closedAt: '关闭时间',
  anonymised: '已匿名',
  /** A matched submission's customer details that differ from the record, sealed, until staff confirm them (确认更新). */
  pendingChanges: '待确认变更',
  ratingSum: '满意度合计',
  ratingCount: '满意度次数',
  /** 待客户补充: when the current pause began and the status it paused; the working minutes of all pauses so far. */
  pausedAt: '暂停开始',
  pausedFrom: '暂停前状态',
  pausedMinutes: '暂停工作分钟',
  /** 定期更新: when the customer was last mailed their pre-filled Form to confirm their details. */
  refreshInvitedAt: '核实邀请时间',
} as const;

export const CUSTOMERS = sheet(SHEET.customers, {
  no: text(CUSTOMER_NO),
  kind: text(F.customer_kind),
  name: text(F.name),
  gender: text(F.gender),
  age: int(F.age),
  position: text(F.position),
  companySize: text(F.company_size),
  industry: text(F.industry),
  mobile: text(F.mobile),
  landline: text(F.landline),
  email: text(F.email),
  address: text(F.address),
  idNumber: text(F.id_number),
  sourceChannel: text(F.source_channel),
  referrer: text(F.referrer),
  segment: text('客户类型标签'),
  firstContact: datetime('首次联系'),
  lastContact: datetime('最近联系'),
  ticketCount: int('工单数'),
  /** The consent record: the version of 表单 / 同意声明 in force, when, and how (a 收集渠道 or a recorded way). */
  consentVersion: text('同意版本'),
  consentAt: datetime('同意时间'),
  consentChannel: text('同意渠道'),
  matchIndex: text(INTERNAL.matchIndex, true),
  addressSealed: text(INTERNAL.addressSealed, true),
  idNumberSealed: text(INTERNAL.idNumberSealed, true),
  avgRating: decimal('平均满意度'),
  ratingSum: int(INTERNAL.ratingSum, true),
  ratingCount: int(INTERNAL.ratingCount, true),
  /** 合并客户: on a record merged into another, that one's 客户编号 (lookups follow it); blank on every other. */
  mergedInto: added(text('合并至')),
  /** When the customer last gave their details themselves: any submission of theirs filed (定期更新 counts from it). */
  verifiedAt: added(datetime('最后核实时间')),
  refreshInvitedAt: added(datetime(INTERNAL.refreshInvitedAt, true)),
}, ['name', 'address'], 'no');

/** Every submission writes it: a column a newer version added (录入时间) is appended until 初始化/修复 runs. */
export const TICKETS = sheet(SHEET.tickets, {
  no: text(TICKET_NO),
  customerNo: text(CUSTOMER_NO),
  name: text(F.name),
  needType: text(F.need_type),
  needDescription: text(F.need_description),
  productVersion: text(F.product_version),
  budget: text(F.budget),
  expectedResponse: text(F.expected_response),
  timeRequirement: text(F.time_requirement),
  cooperationMode: text(F.cooperation_mode),
  satisfaction: int(F.satisfaction),
  feedback: text(F.feedback),
  relatedTicket: text(F.related_ticket),
  issueType: text('问题类型'),
  priority: text('优先级'),
  tags: text('标签'),
  toVerify: text('核实事项'),
  owner: text('负责人'),
  deadline: datetime('截止时间'),
  status: text('状态'),
  progressNote: text('进度说明'),
  reminder: text('提醒'),
  channel: text(F.channel),
  handler: text(F.handler),
  submittedAt: datetime(F.submitted_at),
  enteredAt: added(datetime('录入时间')),
  notes: text(F.notes),
  source: text(INTERNAL.source, true),
  team: text(INTERNAL.team, true),
  firstResponseAt: datetime('首次响应时间'),
  resolvedAt: datetime('解决时间'),
  /** The satisfaction survey's answer, apart from what the customer gave at intake (满意度评分, 反馈内容). */
  surveyRating: int('调查评分'),
  surveyFeedback: text('调查反馈'),
  lastStatus: text(INTERNAL.lastStatus, true),
  lastOwner: text(INTERNAL.lastOwner, true),
  escalation: int(INTERNAL.escalation, true),
  escalatedAt: datetime(INTERNAL.escalatedAt, true),
  closedAt: datetime(INTERNAL.closedAt, true),
  anonymised: text(INTERNAL.anonymised, true),
  pendingChanges: text(INTERNAL.pendingChanges, true),
  pausedAt: added(datetime(INTERNAL.pausedAt, true)),
  pausedFrom: added(text(INTERNAL.pausedFrom, true)),
  pausedMinutes: added(int(INTERNAL.pausedMinutes, true)),
}, ['needDescription', 'feedback', 'surveyFeedback', 'notes', 'toVerify', 'progressNote'], 'no');

export const REVIEW = sheet(SHEET.review, {
  receivedAt: datetime('收到时间'),
  channel: text(F.channel),
  problems: text('问题'),
  /** The answers in plain words (字段：值 lines), for staff; 原始数据 holds them for the add-on. */
  answers: text('填写内容'),
  state: text('处理状态'),
  handler: text(F.handler),
  source: text(INTERNAL.source, true),
  rawData: text('原始数据', true),
}, ['problems', 'answers']);

/** 来源编号 (hidden): the survey response a rating came from, so a response is never applied twice. */
export const HISTORY = sheet(SHEET.history, {
  at: datetime('时间'),
  ticketNo: text(TICKET_NO),
  actor: text('操作人'),
  action: text('动作'),
  oldValue: text('原值'),
  newValue: text('新值'),
  note: text('说明'),
  source: text(INTERNAL.source, true),
}, ['note']);

export const CONFIG = sheet(SHEET.config, {
  group: text('分组'),
  key: text('键'),
  value: text('值'),
  note: text('说明'),
}, ['value', 'note']);

/** Bookkeeping staff give for a paper form or a CRM row; 收集渠道 is the add-on's. */
const STAFF_GIVEN: ReadonlySet<string> = new Set(['submitted_at', 'handler']);

const fieldColumns = Object.fromEntries(
  FIELDS.filter((f) => f.group !== 'bookkeeping' || STAFF_GIVEN.has(f.key)).map((f) => [f.key, text(f.label)]),
) as Record<string, ColumnSpec>;

/** 导入: one column per form field (label) and 填写日期 / 经办人, and the result of each row beside them. */
export const IMPORT = { ...sheet(SHEET.import, { ...fieldColumns, result: text('处理结果') }), pastedInto: true };

export const NUMBER_FORMAT: Record<ColumnKind, string> = {
  text: '@',
  int: '0',
  datetime: 'yyyy-MM-dd HH:mm',
  date: 'yyyy-MM-dd',
  decimal: '0.00',
};

/**
 * 报表: the archive of every report, one row per report and figure (long
 * format), so each figure's trend can be charted or filtered in Sheets.
 * Rates are percentages; a blank value means "no data", never 0.
 */
export const REPORTS = sheet(SHEET.reports, {
  /** weekly:2026-11-16 and the like: which report a row belongs to, for the add-on (hidden). */
  id: text('报表编号', true),
  report: text('报表'),
  periodStart: date('期间开始'),
  periodEnd: date('期间结束'),
  group: text('分组'),
  figure: text('指标'),
  current: decimal('本期'),
  previous: decimal('上期'),
  unit: text('单位'),
  generatedAt: datetime('生成时间'),
});

/**
 * The 报表 chart's data, beside the archive table (one blank column between):
 * the period's start under this label, the figure under its own name.
 */
export const REPORT_CHART_DATA = { period: '图表·期间开始' } as const;

/** 邮件队列 (hidden): mail that could not be sent yet (daily quota), sent by the hourly job, once. */
export const MAIL_QUEUE = { ...sheet(SHEET.mailQueue, {
  id: text('编号'),
  queuedAt: datetime('加入时间'),
  ticketNo: text(TICKET_NO),
  to: text('收件人'),
  subject: text('主题'),
  body: text('正文'),
  html: text('HTML'),
  state: text('状态'),
  sentAt: datetime('发送时间'),
  /** The Reply-To of a customer's mail (a staff mailbox); blank for staff mail. */
  replyTo: text('回复地址'),
}, [], 'id'), appendsColumns: true };

/**
 * 通知队列 (hidden): each message for a team-chat robot (SMS next), recorded
 * with the work it is about and sent after the lock, by the hourly job and
 * one-off continuations within the target's rate, retried with backoff,
 * never dropped (services/outbound.ts). 内容 is the alert as JSON, emptied
 * once it is sent. 下次尝试: when a 待发送 row is due; 发送开始 and 批次: when
 * and in which request a 发送中 row was taken. Staff never write it.
 */
export const OUTBOUND = { ...sheet(SHEET.outbound, {
  id: text('编号'),
  queuedAt: datetime('加入时间'),
  kind: text('渠道'),
  target: text('目标'),
  event: text('事件'),
  ticketNo: text(TICKET_NO),
  body: text('内容'),
  state: text('状态'),
  attempts: int('尝试次数'),
  nextAt: datetime('下次尝试'),
  claimedAt: datetime('发送开始'),
  claim: text('批次'),
  sentAt: datetime('发送时间'),
  result: text('结果'),
}, [], 'id'), appendsColumns: true };

/** 自检: the last self-check run, one row per check (replaced by each run). */
export const SELF_CHECK = sheet(SHEET.selfCheck, {
  check: text('检查项'),
  result: text('结果'),
  detail: text('详情'),
  fix: text('处理办法'),
  checkedAt: datetime('检查时间'),
}, ['detail', 'fix']);

/**
 * 复盘: the actions a quarterly review decided, one per row (what, who, by
 * when, how far); staff keep it, the next quarterly report lists its status.
 * 季度 is the quarter reviewed, written 2026-Q4.
 */
export const RETRO = { ...sheet(SHEET.retro, {
  quarter: text('季度'),
  finding: text('发现的问题'),
  action: text('行动'),
  owner: text(TICKETS.col.owner),
  due: date('期限'),
  status: text(TICKETS.col.status),
  notes: text(F.notes),
}, ['finding', 'action', 'notes']), rows: 200 };
