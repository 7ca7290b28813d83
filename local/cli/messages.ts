/**
 * The CLI's own messages (zh-CN by default, en with `--lang en`), and the
 * error type that carries one of them. The add-on's messages live in src/.
 */

export type Lang = 'zh-CN' | 'en';

/** Text in every CLI language (command summaries and usages). */
export type Localized = Record<Lang, string>;

const zh = {
  // State folder
  noState: '{dir} 中没有状态：请先运行 `init`',
  stateNotFolder: '{dir} 是一个文件，不是文件夹：--state 要给出状态目录（其中有 state.json）',
  corruptState: '{file} 不是有效的 JSON（{detail}），文件未被改动：请修复它，或用 `init --force` 重新开始',
  notOurFormat: '{file} 不是本工具的状态文件，文件未被改动：请换一个 --state 目录，或用 `init --force` 重新开始',
  newerState: '{file} 由更新的版本生成（格式版本 {found}，本版本只能读 {supported}）：请更新项目',
  unreadable: '无法读取 {file}（{detail}）：请检查路径和权限',
  unwritable: '无法写入 {path}（{detail}）：请检查路径和权限；已有文件未被改动',
  damagedState: '{file} 已损坏（{detail}），文件未被改动：请修复它，或用 `init --force` 重新开始',
  stateExists: '{dir} 中已有状态：如要覆盖，请加 --force',
  demoNotOurs: '{dir} 中已有不是演示生成的状态，没有改动：演示默认使用 ./demo-state；如确要用演示替换它，请加 --force（npm start -- --force）',
  demoChanged: '{dir} 中是上次演示的结果，但演示之后又被修改过（例如运行过 submit、status 或 clock），没有改动：如要替换，请加 --force（npm start -- --force），或用 --state 换一个目录',
  demoFolderNew: '演示目录：{dir}（新建）',
  demoFolderReplaced: '演示目录：{dir}（替换了上次演示的结果）',
  demoFolderForced: '演示目录：{dir}（--force：替换了其中原有的状态）',
  demoKeep: '在演示目录里运行 submit、status 等命令会修改它，之后再运行 npm start 会拒绝替换（可加 --force）。用自己的数据开始：npm run --silent cli -- init（目录 ./local-state）',
  // Why a file could not be read or written (the detail of the messages around them)
  fsMissing: '不存在',
  fsIsDirectory: '是一个文件夹，不是文件',
  fsNotFolder: '路径中有一段是文件，不是文件夹',
  fsInTheWay: '已有同名的文件',
  fsNoPermission: '没有权限',
  fsReadOnly: '所在的磁盘是只读的',
  fsFull: '磁盘已满',
  // Input files (submit)
  stdinName: '标准输入',
  inputMissing: '找不到要提交的文件 {file}：请检查路径（相对路径从运行命令的目录算起）',
  inputIsDirectory: '{file} 是一个文件夹，不是文件：请给出 JSON 或 CSV 文件的路径',
  inputNoPermission: '没有权限读取 {file}：请检查文件的权限',
  inputUnreadable: '无法读取 {file}（{detail}）',
  inputUtf16: '{file} 是 {encoding} 编码的文本（Excel 的“Unicode 文本”、记事本的“Unicode”就是这种编码），不是 UTF-8：为免乱码，没有提交任何记录。{howTo}',
  inputGbk: '{file} 不是 UTF-8 编码，看起来是 GBK/GB18030（中文版 Excel、WPS 保存 CSV 的默认编码）{sample}：为免乱码，没有提交任何记录。{howTo}',
  gbkSample: '，第一行按 GBK 读出来是“{text}”',
  inputNotUtf8: '{file} 不是 UTF-8 编码（第 {line} 行有无法识别的字节），也不像 GBK：为免乱码，没有提交任何记录。{howTo}',
  saveAsUtf8: '请另存为 UTF-8 后重试——Excel：另存为 › CSV UTF-8（逗号分隔）；WPS：另存为 › 文件类型 CSV 并选择 UTF-8 编码；记事本等文本编辑器：另存为时编码选 UTF-8',
  inputSpreadsheet: '{file} 是 Excel 工作簿（{kind}），不是 CSV 或 JSON：请在 Excel 中 另存为 › CSV UTF-8（逗号分隔），WPS 中 另存为 › 文件类型 CSV 并选择 UTF-8 编码，再提交那个 .csv 文件',
  inputBinary: '{file} 不是文本文件（含有二进制内容）：请给出 UTF-8 编码的 JSON 或 CSV 文件',
  inputNotJson: '{file} 不是有效的 JSON{where}：请检查括号、引号和逗号',
  jsonWhere: '（第 {line} 行第 {column} 列附近）',
  inputNotCsv: '{file} 不是有效的 CSV（第 {line} 行：{reason}）',
  csvQuoteNotClosed: '引号没有闭合',
  csvBadQuote: '引号用得不对，字段中的引号要写成两个（""）',
  csvMalformed: '格式有误',
  // Usage
  helpHint: '运行 `npm run --silent cli -- --help` 查看用法',
  commandHelpHint: '运行 `npm run --silent cli -- {command} --help` 查看用法',
  unknownCommand: '没有 "{command}" 这个命令',
  noCommand: '请给出一个命令',
  unknownOption: '不认识的选项 {option}',
  missingValue: '选项 {option} 需要一个值',
  badOptionValue: '选项 {option} 不接受值',
  unexpectedArgument: '多余的参数 "{arg}"',
  missingArgument: '缺少参数 {name}',
  badLang: '不支持的语言 "{value}"：可选 zh-CN 或 en',
  badAccounts: '不支持的账号类型 "{value}"：可选 workspace（Google Workspace 网域，默认）或 consumer（gmail.com 个人账号）',
  badTime: '无法识别的时间 "{value}"：请用 ISO 8601，例如 2026-11-23T09:00 或 2026-11-23T09:00+08:00',
  badDuration: '无法识别的时长 "{value}"：例如 3d、2h、90m、1d12h',
  badCount: '"{value}" 不是正整数',
  oneOf: '请给出 {a} 或 {b} 其中之一',
  internalError: '内部错误：{detail}',
  buildMissing: '找不到 {file}：请先运行 `npm run build`',
  // Help
  helpTitle: '客户信息收集与反馈 — 本地运行环境',
  helpUsage: '用法：npm run --silent cli -- <命令> [选项]',
  helpCommands: '命令：',
  helpCommon: '通用选项：\n  --state DIR   状态目录（默认 ./local-state；demo 默认 ./demo-state）\n  --lang LANG   命令行提示语言：zh-CN（默认）或 en\n  -h, --help    显示帮助',
  helpMore: '运行 `npm run --silent cli -- <命令> --help` 查看某个命令的用法',
  // init
  setupFailed: '初始化（setup）失败：{error}',
  initDone: '已初始化：{dir}',
  initClock: '时钟：{time}（{zone}）',
  initSheets: '工作表：{sheets}',
  initForm: '表单：{url}',
  initNoForm: '表单：（setup 没有创建表单）',
  initTriggers: '触发器：{count} 个',
  initFiles: '打开 {workbook} 查看表格，邮件在 {outbox}',
  // setup
  setupDone: '已在 {dir} 上重新运行 初始化/修复（账号 {user}）：',
  setupRefused: '初始化/修复 被拒绝（账号 {user}，目录 {dir}）：',
  setupAsked: 'setup 询问“{title}”：\n{question}\n命令行回答：{answer}',
  answerYes: '是（--replace-keys）',
  answerNo: '否（要回答“是”，请加 --replace-keys）',
  // show
  unknownSheet: '没有名为 "{name}" 的工作表。现有工作表：{names}',
  emptySheet: '（{name} 是空的）',
  // mail
  noMail: '（发件箱是空的）',
  // http
  noHttp: '（UrlFetchApp 还没有发出过请求）',
  httpHeader: '发出时间|用户|方法|网址|响应码',
  // clock
  clockBackwards: '时钟不能倒退：现在是 {now}，目标是 {to}',
  clockNow: '时钟：{time}，运行了 {count} 个触发器',
  // submit, status, edit, resubmit
  badVia: '--via 只能是 form、manual、import、webhook、jinshuju、wjx 或 tencent，而不是 "{value}"',
  configFileOrRow: '请给出一行（GROUP KEY VALUE 三项）或 --file FILE，二者选一',
  tokenNeedsTool: '--token 只用于表单工具推送（--via jinshuju、wjx 或 tencent）',
  pushSwitchedOn: '{tool}的推送原来未开启：已以所有者身份开启（客户管理 › 表单工具推送），推送地址见 设置说明',
  pushSummary: '共 {total} 次推送：已登记 {filed}（含重复），待审核 {review}，未登记 {other}',
  notAnObject: '第 {index} 项不是 JSON 对象，已跳过',
  notOnForm: '第 {index} 条：{fields} 不在表单上，表单无法提交这些字段（可改用 --via manual）',
  submitSummary: '共 {total} 条：受理 {accepted}，待审核 {review}，重复 {duplicate}，疑似重复录入（未提交）{repeat}，失败 {failed}',
  noTicket: '工单表中没有工单 {ticket}',
  noColumn: '工作表“{sheet}”没有名为“{column}”的列。现有的列：{columns}',
  badRow: '行号 "{value}" 无效：应为 2 到 {max} 之间的整数（第 1 行是表头）',
  editRefused: '修改被拒绝：{message}',
  editDone: '已修改 {sheet} 第 {row} 行“{column}”：{from} → {to}',
  editReverted: '修改没有被接受：{sheet} 第 {row} 行“{column}”输入了“{typed}”，onSheetEdit 恢复了原值，单元格现在是“{now}”{note}',
  editReplaced: '修改没有被接受：{sheet} 第 {row} 行“{column}”输入了“{typed}”，onSheetEdit 把单元格改成了“{now}”{note}',
  refusalNote: '。单元格批注：{note}',
  blankCell: '（空）',
  effectCell: '{column}：{from} → {to}',
  effectHistory: '历史：{action}（{change}）',
  effectHistoryNote: '历史：{action}（{change}），说明：{note}',
  effectNoHistory: '历史：没有新记录',
  effectMailSent: '邮件：已发给 {to}，主题“{subject}”',
  effectMailQueued: '邮件：已排入邮件队列，稍后由定时任务发给 {to}，主题“{subject}”',
  effectNoMail: '邮件：没有发出',
  effectNote: '单元格批注：{note}',
  statusChanged: '工单 {ticket}：状态 {from} → {to}（操作人 {user}）',
  statusSame: '工单 {ticket} 的状态本来就是“{status}”，没有变化',
  statusRefused: '工单 {ticket} 的状态没有改变：“状态”下拉框不接受“{value}”（{message}）',
  statusReverted: '工单 {ticket} 的状态没有改变：输入了“{typed}”，onSheetEdit 恢复了原值“{now}”{note}',
  triggerFailed: '触发器 {handler} 运行出错：{error}',
  resubmitFailed: '重新提交失败：{error}',
  reportFailed: '报表生成失败：{error}',
  selfCheckFailed: '自检运行失败：{error}',
  badReportKind: '没有 "{value}" 这种报表：可选 weekly（周报）、monthly（月报）或 quarterly（季报）',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  noState: 'no state in {dir}: run `init` first',
  stateNotFolder: '{dir} is a file, not a folder: --state names a state folder (the one holding state.json)',
  corruptState: '{file} is not valid JSON ({detail}); the file was left untouched: fix it, or start over with `init --force`',
  notOurFormat: '{file} is not a state file of this tool; the file was left untouched: pick another --state folder, or start over with `init --force`',
  newerState: '{file} was made by a newer version (format {found}, this one reads {supported}): update the project',
  unreadable: 'cannot read {file} ({detail}): check the path and its permissions',
  unwritable: 'cannot write {path} ({detail}): check the path and its permissions; existing files were left untouched',
  damagedState: '{file} is damaged ({detail}); the file was left untouched: fix it, or start over with `init --force`',
  stateExists: '{dir} already holds a state: add --force to replace it',
  demoNotOurs: '{dir} holds a state the demo did not make, left untouched: the demo uses ./demo-state by default; add --force to replace it with the demo anyway (npm start -- --force)',
  demoChanged: '{dir} holds the last demo, changed since (by submit, status or clock, for instance), left untouched: add --force to replace it (npm start -- --force), or pick another folder with --state',
  demoFolderNew: 'demo folder: {dir} (new)',
  demoFolderReplaced: 'demo folder: {dir} (replaced the previous demo)',
  demoFolderForced: 'demo folder: {dir} (--force: replaced the state it held)',
  demoKeep: 'submit, status and the other commands change the demo folder when run on it; npm start then refuses to replace it (unless --force). To start with your own data: npm run --silent cli -- init (folder ./local-state)',
  fsMissing: 'does not exist',
  fsIsDirectory: 'is a folder, not a file',
  fsNotFolder: 'part of the path is a file, not a folder',
  fsInTheWay: 'a file of that name is in the way',
  fsNoPermission: 'permission denied',
  fsReadOnly: 'the disk is read-only',
  fsFull: 'the disk is full',
  stdinName: 'standard input',
  inputMissing: 'there is no file {file} to submit: check the path (a relative path starts from the folder you ran the command in)',
  inputIsDirectory: '{file} is a folder, not a file: give the path of a JSON or CSV file',
  inputNoPermission: 'no permission to read {file}: check its permissions',
  inputUnreadable: 'cannot read {file} ({detail})',
  inputUtf16: '{file} is {encoding} text (what Excel\'s "Unicode Text" and Notepad\'s "Unicode" write), not UTF-8: nothing was submitted, to avoid garbled text. {howTo}',
  inputGbk: '{file} is not UTF-8; it looks like GBK/GB18030 (what Chinese Excel and WPS write by default){sample}: nothing was submitted, to avoid garbled text. {howTo}',
  gbkSample: '; read as GBK its first line is "{text}"',
  inputNotUtf8: '{file} is not UTF-8 (line {line} holds bytes that are not) and does not look like GBK: nothing was submitted, to avoid garbled text. {howTo}',
  saveAsUtf8: 'Save it as UTF-8 and try again — Excel: Save As › CSV UTF-8 (Comma delimited); WPS: Save As › file type CSV, encoding UTF-8; Notepad and other text editors: choose UTF-8 as the encoding when saving',
  inputSpreadsheet: '{file} is an Excel workbook ({kind}), not CSV or JSON: in Excel use Save As › CSV UTF-8 (Comma delimited), in WPS Save As › file type CSV with UTF-8 encoding, then submit that .csv file',
  inputBinary: '{file} is not a text file (it holds binary data): give a UTF-8 JSON or CSV file',
  inputNotJson: '{file} is not valid JSON{where}: check its brackets, quotes and commas',
  jsonWhere: ' (near line {line}, column {column})',
  inputNotCsv: '{file} is not valid CSV (line {line}: {reason})',
  csvQuoteNotClosed: 'a quote is not closed',
  csvBadQuote: 'a quote is misplaced; a quote inside a field is written twice ("")',
  csvMalformed: 'malformed',
  helpHint: 'run `npm run --silent cli -- --help` for usage',
  commandHelpHint: 'run `npm run --silent cli -- {command} --help` for usage',
  unknownCommand: 'there is no command "{command}"',
  noCommand: 'give a command',
  unknownOption: 'unknown option {option}',
  missingValue: 'option {option} needs a value',
  badOptionValue: 'option {option} takes no value',
  unexpectedArgument: 'unexpected argument "{arg}"',
  missingArgument: 'missing argument {name}',
  badLang: 'unsupported language "{value}": use zh-CN or en',
  badAccounts: 'unsupported kind of accounts "{value}": use workspace (a Google Workspace domain, the default) or consumer (gmail.com accounts)',
  badTime: 'cannot read the time "{value}": use ISO 8601, e.g. 2026-11-23T09:00 or 2026-11-23T09:00+08:00',
  badDuration: 'cannot read the duration "{value}": e.g. 3d, 2h, 90m, 1d12h',
  badCount: '"{value}" is not a positive whole number',
  oneOf: 'give either {a} or {b}',
  internalError: 'internal error: {detail}',
  buildMissing: '{file} not found: run `npm run build` first',
  helpTitle: '客户信息收集与反馈 — local runtime',
  helpUsage: 'Usage: npm run --silent cli -- <command> [options]',
  helpCommands: 'Commands:',
  helpCommon: 'Common options:\n  --state DIR   state folder (default ./local-state; demo: ./demo-state)\n  --lang LANG   language of the CLI messages: zh-CN (default) or en\n  -h, --help    show help',
  helpMore: 'run `npm run --silent cli -- <command> --help` for the usage of one command',
  setupFailed: 'setup failed: {error}',
  initDone: 'initialised: {dir}',
  initClock: 'clock: {time} ({zone})',
  initSheets: 'sheets: {sheets}',
  initForm: 'form: {url}',
  initNoForm: 'form: (setup created no form)',
  initTriggers: 'triggers: {count}',
  initFiles: 'open {workbook} for the spreadsheet; emails are in {outbox}',
  setupDone: 'ran 初始化/修复 again on {dir} (account {user}):',
  setupRefused: '初始化/修复 was refused (account {user}, folder {dir}):',
  setupAsked: 'setup asked "{title}":\n{question}\nthe CLI answered: {answer}',
  answerYes: 'yes (--replace-keys)',
  answerNo: 'no (add --replace-keys to answer yes)',
  unknownSheet: 'there is no sheet "{name}". Sheets: {names}',
  emptySheet: '({name} is empty)',
  noMail: '(the outbox is empty)',
  noHttp: '(UrlFetchApp has sent no request yet)',
  httpHeader: 'time|user|method|url|status',
  clockBackwards: 'the clock cannot go backwards: it is {now}, the target is {to}',
  clockNow: 'clock: {time}, {count} trigger run(s)',
  // submit, status, edit, resubmit
  badVia: '--via must be form, manual, import, webhook, jinshuju, wjx or tencent, not "{value}"',
  configFileOrRow: 'give one row (GROUP KEY VALUE, three items) or --file FILE, not both',
  tokenNeedsTool: '--token is for form tool pushes only (--via jinshuju, wjx or tencent)',
  pushSwitchedOn: 'pushes from {tool} were off: switched on as the owner (客户管理 › Form tool pushes); the push URL is in the setup guide',
  pushSummary: '{total} pushes: {filed} filed (duplicates included), {review} in review, {other} not filed',
  notAnObject: 'item {index} is not a JSON object: skipped',
  notOnForm: 'record {index}: {fields} not on the Form, which cannot submit them (use --via manual)',
  submitSummary: '{total} records: {accepted} accepted, {review} in review, {duplicate} duplicates, {repeat} possibly entered twice (not filed), {failed} failed',
  noTicket: 'there is no ticket {ticket} in 工单',
  noColumn: 'sheet "{sheet}" has no column "{column}". Columns: {columns}',
  badRow: 'row "{value}" is not valid: a whole number from 2 to {max} (row 1 is the header)',
  editRefused: 'edit refused: {message}',
  editDone: 'edited {sheet} row {row} "{column}": {from} → {to}',
  editReverted: 'the edit was not accepted: {sheet} row {row} "{column}" was typed "{typed}"; onSheetEdit put the old value back, the cell holds "{now}"{note}',
  editReplaced: 'the edit was not accepted: {sheet} row {row} "{column}" was typed "{typed}"; onSheetEdit changed the cell to "{now}"{note}',
  refusalNote: '. The cell\'s note: {note}',
  blankCell: '(blank)',
  effectCell: '{column}: {from} → {to}',
  effectHistory: '历史: {action} ({change})',
  effectHistoryNote: '历史: {action} ({change}), note: {note}',
  effectNoHistory: '历史: no new row',
  effectMailSent: 'mail: sent to {to}, subject "{subject}"',
  effectMailQueued: 'mail: queued in 邮件队列, sent to {to} later by the hourly job, subject "{subject}"',
  effectNoMail: 'mail: none sent',
  effectNote: 'the cell\'s note: {note}',
  statusChanged: 'ticket {ticket}: status {from} → {to} (by {user})',
  statusSame: 'ticket {ticket} already has the status "{status}": nothing changed',
  statusRefused: 'ticket {ticket} keeps its status: the 状态 dropdown does not accept "{value}" ({message})',
  statusReverted: 'ticket {ticket} keeps its status: "{typed}" was typed and onSheetEdit put back "{now}"{note}',
  triggerFailed: 'trigger {handler} failed: {error}',
  resubmitFailed: 'resubmission failed: {error}',
  reportFailed: 'the report failed: {error}',
  selfCheckFailed: 'the self-check failed to run: {error}',
  badReportKind: 'no report "{value}": weekly, monthly or quarterly',
};

const catalogue: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** A message of the catalogue as a parameter of another, rendered in the same language. */
export interface NestedMessage {
  key: MessageKey;
  params?: MessageParams;
}

export type MessageParams = { [name: string]: string | number | NestedMessage };

/** A message in `lang` with its `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return catalogue[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name]!;
    return typeof value === 'object' ? t(lang, value.key, value.params) : String(value);
  });
}

/** Why a file operation failed, in words for the common errno codes, else the code itself. */
export function fileReason(code: string): string | NestedMessage {
  const key = FILE_REASONS[code];
  return key ? { key } : code;
}

const FILE_REASONS: Record<string, MessageKey> = {
  ENOENT: 'fsMissing',
  ENOTDIR: 'fsNotFolder',
  EEXIST: 'fsInTheWay',
  EISDIR: 'fsIsDirectory',
  EACCES: 'fsNoPermission',
  EPERM: 'fsNoPermission',
  EROFS: 'fsReadOnly',
  ENOSPC: 'fsFull',
};

export function parseLang(value: string): Lang | undefined {
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans') return 'zh-CN';
  return undefined;
}

/**
 * An error the CLI reports in plain words and exits with: 2 (usage, missing
 * or unusable state folder) unless said otherwise. `message` is the zh-CN text.
 */
export class CliError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    readonly exitCode: 1 | 2 = 2,
    /** A follow-up hint shown on its own line (e.g. where to find the usage). */
    readonly hint?: { key: MessageKey; params?: MessageParams },
  ) {
    super(t('zh-CN', key, params));
    this.name = 'CliError';
  }

  describe(lang: Lang): string {
    return t(lang, this.key, this.params);
  }
}
