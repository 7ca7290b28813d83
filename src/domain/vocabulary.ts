/**
 * Values the add-on stores in cells and compares later. They are fixed zh-CN
 * vocabulary, the same under every locale: a cell written under `en` must
 * still compare equal when read under `zh-CN`, and the reverse. What people
 * read around them (notes, mails, messages) comes from the catalogue.
 */

/** 工单.状态, in the order staff pick them. */
export const STATUSES = ['新建', '已联系客户', '方案已提交', '待客户补充', '问题已解决', '已关闭'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS = {
  new: '新建',
  contacted: '已联系客户',
  proposed: '方案已提交',
  /** Waiting for the customer to supply what is missing: the SLA clock stops until they answer or staff move on. */
  waiting: '待客户补充',
  resolved: '问题已解决',
  closed: '已关闭',
} as const satisfies Record<string, Status>;

export function isStatus(v: string): v is Status {
  return (STATUSES as readonly string[]).includes(v);
}

/**
 * Position of a status in the lifecycle; -1 for anything else. 待客户补充 is a
 * pause beside the line, not a step on it: it ranks with 已联系客户 (the
 * customer was contacted to be asked), so entering or leaving it is no reopen.
 */
export function statusRank(s: string): number {
  return s === STATUS.waiting ? LIFECYCLE.indexOf(STATUS.contacted) : LIFECYCLE.indexOf(s);
}

const LIFECYCLE: readonly string[] = STATUSES.filter((s) => s !== STATUS.waiting);

/** The statuses at which a ticket no longer needs work (no reminders, no escalation, not overdue). */
export function isDone(status: string): boolean {
  return statusRank(status) >= statusRank(STATUS.resolved);
}

/** A ticket waiting for the customer: its deadlines do not run (no reminders, no escalation, not overdue). */
export function isPaused(status: string): boolean {
  return status === STATUS.waiting;
}

/** 工单.优先级. */
export const PRIORITIES = ['高', '中', '低'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 工单.标签 of an accepted ticket with warnings (核实事项 says what to check). */
export const TO_VERIFY_TAG = '待核实';

/** 客户.客户类型标签. */
export const SEGMENTS = ['新客户', '老客户', '战略客户'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT = { new: '新客户', returning: '老客户', strategic: '战略客户' } as const satisfies Record<string, Segment>;

/** 收集渠道 of a submission. */
/**
 * The need type of a customer confirming or correcting their own details (定期更新): always offered,
 * whatever 配置 › 选项 lists, because the quarterly refresh link pre-fills it.
 */
export const NEED_REFRESH = '资料更新';

/**
 * 金数据, 问卷星 and 腾讯问卷 are channels of their own, not 接口: a report or a
 * quarterly review then tells how each form tool collects, and 同意渠道 names
 * the form the customer consented on. Their names are the tools' own.
 */
export const FORM_TOOL_CHANNEL = { jinshuju: '金数据', wjx: '问卷星', tencent: '腾讯问卷' } as const;

export const CHANNELS = ['在线表单', '线下录入', '导入', '接口', FORM_TOOL_CHANNEL.jinshuju, FORM_TOOL_CHANNEL.wjx, FORM_TOOL_CHANNEL.tencent] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL = {
  form: '在线表单',
  manual: '线下录入',
  import: '导入',
  webhook: '接口',
  ...FORM_TOOL_CHANNEL,
} as const satisfies Record<string, Channel>;

/** 收集渠道 of a satisfaction-survey reply: stored in 待审核 and 历史, never a submission channel. */
export const SURVEY_CHANNEL = '满意度调查';

export function isChannel(v: string): v is Channel {
  return (CHANNELS as readonly string[]).includes(v);
}

/** 经办人 of a submission the customer made through the Form. */
export const FORM_HANDLER = '线上表单';

/** 经办人 of a webhook submission that names no source system. */
export const WEBHOOK_HANDLER = '接口';

/** 经办人 of an import: who ran it. */
export function importHandler(staff: string): string {
  return `导入（${staff}）`;
}

/** 经办人 / 操作人 when Apps Script does not reveal who is acting (another domain's account). */
export const UNKNOWN_STAFF = '未知员工';

/** What ends a text cut to fit one cell (Sheets holds at most 50,000 characters a cell). */
export const TRUNCATED_MARK = '…（内容过长，已截断）';

/** 历史.操作人 of what the add-on does by itself (timers, mail queue, retention). */
export const SYSTEM_ACTOR = '系统';

/** 待审核.处理状态. */
export const REVIEW_STATES = ['待处理', '已重新提交', '已作废'] as const;
export const REVIEW_STATE = {
  pending: '待处理',
  resubmitted: '已重新提交',
  voided: '已作废',
} as const satisfies Record<string, (typeof REVIEW_STATES)[number]>;

/** 邮件队列.状态. */
/** 已取消: the mail's ticket was deleted at the customer's request (or anonymised) before it went: never sent. */
/** 邮件队列.状态: held = an owner's new-ticket notice waiting for the hourly digest; summarised = sent in one. */
export const MAIL_QUEUE_STATE = { pending: '待发送', sent: '已发送', cancelled: '已取消', held: '待汇总', summarised: '已汇总' } as const;

/** 复盘.状态: how far an action decided in a quarterly review has come. */
export const RETRO_STATUSES = ['未开始', '进行中', '已完成', '已取消'] as const;
export type RetroStatus = (typeof RETRO_STATUSES)[number];
export const RETRO_STATUS = { todo: '未开始', doing: '进行中', done: '已完成', cancelled: '已取消' } as const satisfies Record<string, RetroStatus>;

export function isRetroStatus(v: string): v is RetroStatus {
  return (RETRO_STATUSES as readonly string[]).includes(v);
}

/** Whether a 复盘 action still needs doing. */
export function isRetroOpen(status: string): boolean {
  return status === RETRO_STATUS.todo || status === RETRO_STATUS.doing;
}

/** 自检.结果: the outcome of one self-check. */
export const SELF_CHECK_RESULT = { pass: '通过', fail: '未通过', skip: '跳过' } as const;
export type SelfCheckResult = (typeof SELF_CHECK_RESULT)[keyof typeof SELF_CHECK_RESULT];

/** 历史.动作: what happened to a ticket (reports and audits filter on these). */
export const HISTORY_ACTION = {
  created: '新建工单',
  resubmitted: '审核后重新提交',
  voided: '作废待审核记录',
  statusChanged: '状态变更',
  reopened: '重新打开',
  ownerChanged: '更换负责人',
  /** Staff changed 优先级 by hand (说明: the deadline it moved to, if it moved). */
  priorityChanged: '优先级变更',
  /** Staff changed 截止时间 by hand. */
  deadlineChanged: '截止时间变更',
  /** A 待客户补充 pause ended: 截止时间 moved on by the paused working time (原值/新值: the deadlines). */
  pauseEnded: '暂停结束',
  /** The customer answered a 请补充信息 request (新值: the ticket their answer was filed as). */
  customerSupplied: '客户已补充',
  /** A 请补充信息 mail with the customer's pre-filled Form link went out (or was queued). */
  infoRequested: '请客户补充信息',
  /** 定期更新: the customer was mailed their pre-filled Form to confirm their details (编号 column: the 客户编号). */
  refreshInvited: '邀请核实资料',
  /** A 资料更新 submission changed nothing on record: the ticket is closed as it is filed. */
  refreshConfirmed: '客户已核实资料',
  mailFailed: '邮件未发送',
  noEmail: '未发送进度邮件',
  mailQueued: '邮件已排队',
  queuedSent: '排队邮件已发送',
  escalatedOwner: '超时提醒负责人',
  escalatedSupervisor: '超时升级主管',
  survey: '收到满意度评价',
  anonymised: '个人信息已匿名化',
  revealed: '查看敏感信息',
  revealRefused: '查看敏感信息被拒绝',
  /** The owner changed who may reveal or edit 配置. */
  accessChanged: '权限变更',
  /** The owner switched a form tool's push on or off, made a new token or changed 问卷星's 推送密钥 (never the secret itself). */
  formToolPushChanged: '表单工具推送变更',
  /** An acknowledgement over a limit (per address, quota share): the ticket is filed, the mail is not sent. */
  ackSkipped: '确认邮件未发送',
  /** A customer row recomputed after a colleague moved it into the path of a write. */
  rowRepaired: '客户记录已重新计算',
  /** Staff applied a change to a customer's details (确认更新 of a ticket's pending changes, or a correction). */
  customerUpdated: '客户资料已更新',
  /** A reviewer recorded how an unconsented submission's consent was obtained (新值: the way). */
  consentRecorded: '记录同意方式',
  /** 个人信息请求: a copy of everything held about a customer was made for them (sealed fields revealed). */
  dataExported: '导出个人信息',
  /** 个人信息请求: the customer's details were deleted everywhere at their request; the counts stay. */
  erased: '个人信息已删除',
  /** 合并客户, the record-level entry: 原值 the merged 客户编号, 新值 the kept one; 说明 what differed. */
  customerMerged: '合并客户',
  /** 合并客户, one per ticket that moved: 原值 the merged 客户编号, 新值 the kept one. */
  ticketMerged: '工单转至保留客户',
} as const;
export type HistoryAction = (typeof HISTORY_ACTION)[keyof typeof HISTORY_ACTION];

/**
 * 客户.同意渠道: how the customer consented. A submission's own consent is
 * recorded as its 收集渠道; a reviewer who resubmits a row without consent
 * records one of the ways consent was obtained afterwards.
 */
export const CONSENT_WAYS = ['电话口头同意', '书面同意', '邮件同意'] as const;
export type ConsentWay = (typeof CONSENT_WAYS)[number];

export function isConsentWay(v: unknown): v is ConsentWay {
  return typeof v === 'string' && (CONSENT_WAYS as readonly string[]).includes(v);
}

/** 通知队列.渠道: what kind of channel a queued message goes through. */
export const OUTBOUND_KIND = { robot: '群机器人', sms: '短信' } as const;

/**
 * 通知队列.状态: 待发送 waits (until 下次尝试); 发送中 is taken by one
 * execution to send (since 发送开始); 已发送 went out; 已清除 was purged by
 * the admin (or its ticket's personal data was deleted) and never goes;
 * 未送达 was refused by the service for its recipient alone (an SMS to a
 * number that is blocked or past its own frequency limit): trying again
 * would not help, and it is said in 历史.
 */
export const OUTBOUND_STATE = { pending: '待发送', sending: '发送中', sent: '已发送', purged: '已清除', undeliverable: '未送达' } as const;

/** 通知队列.事件: what a queued robot message is about. */
export const ROBOT_EVENT = {
  newTicket: '新工单',
  high: '高优先级',
  responseBreach: '首次响应超时',
  deadlineBreach: '截止超时',
  escalation: '升级',
  backlog: '待审核积压',
  daily: '每日汇总',
  test: '测试',
} as const;

/** 通知队列.事件 of an SMS: which customer message it is (配置 › 短信 has a template for each). */
export const SMS_EVENT = { ack: '受理', progress: '进度', survey: '满意度调查' } as const;

/**
 * 历史.动作 of SMS to customers (新值: the message, 说明: the masked number and
 * the provider's answer): recorded with the work it is about; sent or not
 * delivered once the provider answered; not sent when 配置 › 短信 ›
 * 每日上限 was reached (the admin is told once that day). The owner's
 * 短信设置 dialog records a key pair stored or deleted, and the waiting SMS
 * it cleared (工单编号 empty, 说明 never a key).
 */
export const SMS_HISTORY_ACTION = {
  queued: '短信已排队',
  sent: '短信已发送',
  undeliverable: '短信未送达',
  capReached: '短信未发送',
  settingsChanged: '短信设置变更',
  purged: '清除待发短信',
} as const;

/** 历史.动作 of the robots: the owner set a robot's address or secret, or purged what waited for it. */
export const ROBOT_HISTORY_ACTION = {
  settingsChanged: '群机器人设置变更',
  purged: '清除待发通知',
} as const;
