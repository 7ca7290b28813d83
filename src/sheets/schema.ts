import { FIELDS } from '../domain/fields';

/**
 * The add-on's sheets: names, columns (headers are the zh-CN labels) and the
 * kind of each column, which decides its number format. Sheets are always
 * read by header, so staff may reorder, insert and sort freely.
 */

export type ColumnKind = 'text' | 'int' | 'datetime' | 'date' | 'decimal';

export interface ColumnSpec {
  label: string;
  kind: ColumnKind;
  /** Internal bookkeeping: hidden from staff, never shown in mails. */
  hidden?: boolean;
}

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** Column widths by label, for setup. */
  wide?: readonly string[];
}

const text = (label: string, hidden = false): ColumnSpec => ({ label, kind: 'text', hidden });
const int = (label: string): ColumnSpec => ({ label, kind: 'int' });
const datetime = (label: string): ColumnSpec => ({ label, kind: 'datetime' });
const date = (label: string): ColumnSpec => ({ label, kind: 'date' });
const decimal = (label: string): ColumnSpec => ({ label, kind: 'decimal' });

export const SHEET = {
  customers: '客户',
  tickets: '工单',
  review: '待审核',
  history: '历史',
  config: '配置',
  import: '导入',
  reports: '报表',
  mailQueue: '邮件队列',
} as const;

/** Internal columns (hidden): the blind index, the cipher texts and the last source id. */
export const INTERNAL = {
  matchIndex: '匹配索引',
  lastSource: '最近来源编号',
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
  ratingSum: '满意度合计',
  ratingCount: '满意度次数',
} as const;

const hiddenDatetime = (label: string): ColumnSpec => ({ label, kind: 'datetime', hidden: true });
const hiddenInt = (label: string): ColumnSpec => ({ label, kind: 'int', hidden: true });

export const CUSTOMERS: SheetSpec = {
  name: SHEET.customers,
  columns: [
    text('客户编号'),
    text('客户类型'),
    text('姓名/企业名称'),
    text('性别'),
    int('年龄'),
    text('职位'),
    text('企业规模'),
    text('所属行业'),
    text('手机号'),
    text('固定电话'),
    text('电子邮箱'),
    text('联系地址'),
    text('证件号码'),
    text('来源渠道'),
    text('推荐人信息'),
    text('客户类型标签'),
    datetime('首次联系'),
    datetime('最近联系'),
    int('工单数'),
    text(INTERNAL.matchIndex, true),
    text(INTERNAL.lastSource, true),
    text(INTERNAL.addressSealed, true),
    text(INTERNAL.idNumberSealed, true),
    decimal('平均满意度'),
    hiddenInt(INTERNAL.ratingSum),
    hiddenInt(INTERNAL.ratingCount),
  ],
  wide: ['姓名/企业名称', '联系地址'],
};

export const TICKETS: SheetSpec = {
  name: SHEET.tickets,
  columns: [
    text('工单编号'),
    text('客户编号'),
    text('姓名/企业名称'),
    text('需求类型'),
    text('具体需求描述'),
    text('当前使用的产品版本'),
    text('预算范围'),
    text('期望响应时间'),
    text('时间要求'),
    text('期望合作方式'),
    int('满意度评分'),
    text('反馈内容'),
    text('关联工单号'),
    text('问题类型'),
    text('优先级'),
    text('标签'),
    text('核实事项'),
    text('负责人'),
    datetime('截止时间'),
    text('状态'),
    text('进度说明'),
    text('提醒'),
    text('收集渠道'),
    text('经办人'),
    datetime('填写日期'),
    text('备注'),
    text(INTERNAL.source, true),
    text(INTERNAL.team, true),
    datetime('首次响应时间'),
    datetime('解决时间'),
    text(INTERNAL.lastStatus, true),
    text(INTERNAL.lastOwner, true),
    hiddenInt(INTERNAL.escalation),
    hiddenDatetime(INTERNAL.escalatedAt),
    hiddenDatetime(INTERNAL.closedAt),
    text(INTERNAL.anonymised, true),
  ],
  wide: ['具体需求描述', '反馈内容', '备注', '核实事项'],
};

export const REVIEW: SheetSpec = {
  name: SHEET.review,
  columns: [
    datetime('收到时间'),
    text('收集渠道'),
    text('问题'),
    text('原始数据'),
    text('处理状态'),
    text('经办人'),
    text(INTERNAL.source, true),
  ],
  wide: ['问题', '原始数据'],
};

export const HISTORY: SheetSpec = {
  name: SHEET.history,
  // 来源编号 (hidden): the survey response a rating came from, so a response is never applied twice.
  columns: [datetime('时间'), text('工单编号'), text('操作人'), text('动作'), text('原值'), text('新值'), text('说明'), text(INTERNAL.source, true)],
};

export const CONFIG: SheetSpec = {
  name: SHEET.config,
  columns: [text('分组'), text('键'), text('值'), text('说明')],
  wide: ['值', '说明'],
};

/** The result column the 导入 sheet gets beside the field columns. */
export const IMPORT_RESULT = '处理结果';

/** 导入: one column per form field (label), and the result of each row beside them. */
export const IMPORT: SheetSpec = {
  name: SHEET.import,
  columns: [
    ...FIELDS.filter((f) => f.group !== 'bookkeeping').map((f) => text(f.label)),
    text(IMPORT_RESULT),
  ],
};

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
export const REPORTS: SheetSpec = {
  name: SHEET.reports,
  columns: [
    text('报表编号'),
    text('报表'),
    date('期间开始'),
    date('期间结束'),
    text('分组'),
    text('指标'),
    decimal('本期'),
    decimal('上期'),
    text('单位'),
    datetime('生成时间'),
  ],
};

/** 邮件队列 (hidden): mail that could not be sent yet (daily quota), sent by the hourly job, once. */
export const MAIL_QUEUE: SheetSpec = {
  name: SHEET.mailQueue,
  columns: [
    text('编号'),
    datetime('加入时间'),
    text('工单编号'),
    text('收件人'),
    text('主题'),
    text('正文'),
    text('HTML'),
    text('状态'),
    datetime('发送时间'),
  ],
};
