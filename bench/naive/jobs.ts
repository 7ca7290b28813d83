/**
 * The naive baseline: the same jobs written the way a first Apps Script
 * add-on usually is — read the whole sheet with getDataRange().getValues()
 * to find anything, appendRow to add, setValue cell by cell to change.
 * Bundled by bench/naive-bundle.ts into top-level functions and run in the
 * same runtime as the add-on, on a copy of the same data. Like for like:
 * its intake and edit handlers carry the add-on's trigger names, so the
 * same Form response and the same edit fire them with the same events, and
 * they do the same work — read the answers, take the lock, read 配置, file,
 * and send the same mails (the acknowledgement and the assignment; the
 * progress mail of an edit).
 */
/* eslint-disable @typescript-eslint/no-unused-vars -- top-level functions, run by name (as Apps Script runs them) */

interface NaiveRecord {
  name: string;
  mobile: string;
  email: string;
  need: string;
  description: string;
}

function naiveSheet(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error('missing sheet ' + name);
  return sheet;
}

function naiveColumn(header: unknown[], label: string): number {
  return header.indexOf(label);
}

function naiveRow(header: unknown[], record: Record<string, unknown>): unknown[] {
  return header.map((h) => (String(h) in record ? record[String(h)] : ''));
}

/** The first staff member 配置 lists: the naive way's owner of every ticket. */
function naiveOwner(): string {
  const config = naiveSheet('配置').getDataRange().getValues();
  const staff = config.find((r) => String(r[0]) === '员工' && String(r[1]) !== '');
  return staff ? String(staff[1]) : '';
}

/** The intake trigger (same name as the add-on's): the Form's answers by title, under the script lock. */
function onFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): { outcome: string; ticket_no: string } {
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    const owner = naiveOwner();
    const answers: Record<string, string> = {};
    for (const item of e.response.getItemResponses()) answers[item.getItem().getTitle()] = String(item.getResponse());
    const ticketNo = naiveSubmit(
      { name: answers['姓名/企业名称'] ?? '', mobile: answers['手机号'] ?? '', email: answers['电子邮箱'] ?? '', need: answers['需求类型'] ?? '', description: answers['具体需求描述'] ?? '' },
      owner,
    );
    return { outcome: 'accepted', ticket_no: ticketNo };
  } finally {
    lock.releaseLock();
  }
}

/** The edit trigger (same name as the add-on's): a 状态 picked in 工单 is stamped, logged and mailed to the customer. */
function onSheetEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  if (sheet.getName() !== '工单') return;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!;
  if (header[e.range.getColumn() - 1] !== '状态') return;
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    naiveOwner();
    const user = Session.getActiveUser().getEmail();
    const row = e.range.getRow();
    const values = sheet.getRange(row, 1, 1, header.length).getValues()[0]!;
    sheet.getRange(row, naiveColumn(header, '首次响应时间') + 1).setValue(new Date());
    naiveSheet('历史').appendRow([new Date(), values[0], user, '状态变更', e.oldValue ?? '', e.value ?? '', '']);
    const cv = naiveSheet('客户').getDataRange().getValues();
    const customerNo = values[naiveColumn(header, '客户编号')];
    const customer = cv.find((r) => r[0] === customerNo);
    const email = customer ? String(customer[naiveColumn(cv[0]!, '电子邮箱')]) : '';
    if (email) MailApp.sendEmail(email, '您的需求进度更新 ' + String(values[0]), '状态：' + String(e.value ?? ''));
  } finally {
    lock.releaseLock();
  }
}

function naiveSubmit(rec: NaiveRecord, owner: string): string {
  const customers = naiveSheet('客户');
  const tickets = naiveSheet('工单');
  const now = new Date();
  const cv = customers.getDataRange().getValues();
  const ch = cv[0]!;
  const mobileCol = naiveColumn(ch, '手机号');
  let found = -1;
  for (let i = 1; i < cv.length; i++) if (String(cv[i]![mobileCol]) === rec.mobile) found = i;
  let customerNo: string;
  if (found < 0) {
    customerNo = 'C' + String(cv.length).padStart(6, '0');
    customers.appendRow(naiveRow(ch, { 客户编号: customerNo, '姓名/企业名称': rec.name, 手机号: rec.mobile, 电子邮箱: rec.email, 首次联系: now, 最近联系: now, 工单数: 1 }));
  } else {
    customerNo = String(cv[found]![naiveColumn(ch, '客户编号')]);
    customers.getRange(found + 1, naiveColumn(ch, '最近联系') + 1).setValue(now);
    customers.getRange(found + 1, naiveColumn(ch, '工单数') + 1).setValue(Number(cv[found]![naiveColumn(ch, '工单数')]) + 1);
  }
  const tv = tickets.getDataRange().getValues();
  const ticketNo = 'T' + String(tv.length).padStart(6, '0');
  tickets.appendRow(
    naiveRow(tv[0]!, { 工单编号: ticketNo, 客户编号: customerNo, '姓名/企业名称': rec.name, 需求类型: rec.need, 具体需求描述: rec.description, 状态: '新建', 填写日期: now }),
  );
  naiveSheet('历史').appendRow([now, ticketNo, 'system', '新建', '', '新建', '']);
  MailApp.sendEmail(rec.email, '已收到您的需求 ' + ticketNo, rec.description);
  if (owner) MailApp.sendEmail(owner, '新工单 ' + ticketNo, rec.description);
  return ticketNo;
}

function naiveEscalation(): number {
  const tickets = naiveSheet('工单');
  const tv = tickets.getDataRange().getValues();
  const th = tv[0]!;
  const now = Date.now();
  let n = 0;
  for (let i = 1; i < tv.length; i++) {
    const row = tv[i]!;
    const status = String(row[naiveColumn(th, '状态')]);
    const due = row[naiveColumn(th, '截止时间')] as Date;
    if (status === '问题已解决' || status === '已关闭' || !due || due.getTime() > now) continue;
    if (Number(row[naiveColumn(th, '升级级别')]) >= 2) continue;
    tickets.getRange(i + 1, naiveColumn(th, '升级级别') + 1).setValue(Number(row[naiveColumn(th, '升级级别')]) + 1);
    tickets.getRange(i + 1, naiveColumn(th, '升级时间') + 1).setValue(new Date());
    MailApp.sendEmail(String(row[naiveColumn(th, '负责人')]), '工单超时 ' + String(row[0]), '请尽快处理');
    n += 1;
  }
  return n;
}

function naiveReportWeekly(): number {
  const tv = naiveSheet('工单').getDataRange().getValues();
  const cv = naiveSheet('客户').getDataRange().getValues();
  const th = tv[0]!;
  const weekAgo = Date.now() - 7 * 86400000;
  const counts: Record<string, number> = { 客户总数: cv.length - 1, 本周新工单: 0, 已解决: 0, 未关闭: 0 };
  for (let i = 1; i < tv.length; i++) {
    const at = tv[i]![naiveColumn(th, '填写日期')] as Date;
    if (at && at.getTime() >= weekAgo) counts['本周新工单']! += 1;
    const status = String(tv[i]![naiveColumn(th, '状态')]);
    if (status === '问题已解决' || status === '已关闭') counts['已解决']! += 1;
    else counts['未关闭']! += 1;
  }
  const reports = naiveSheet('报表');
  let body = '';
  for (const k of Object.keys(counts)) {
    reports.appendRow(['W', '周报', new Date(weekAgo), new Date(), k, counts[k]]);
    body += k + ': ' + String(counts[k]) + '\n';
  }
  MailApp.sendEmail(Session.getEffectiveUser().getEmail(), '周报', body);
  return Object.keys(counts).length;
}

function naiveImport(maxRows: number): number {
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  const owner = naiveOwner();
  const sheet = naiveSheet('导入');
  const values = sheet.getDataRange().getValues();
  const header = values[0]!.map(String);
  let done = 0;
  for (let i = 1; i < values.length && done < maxRows; i++) {
    const row = values[i]!;
    const at = (label: string): string => String(row[header.indexOf(label)] ?? '');
    const ticketNo = naiveSubmit({ name: at('姓名/企业名称'), mobile: at('手机号'), email: at('电子邮箱'), need: at('需求类型'), description: at('具体需求描述') }, owner);
    sheet.getRange(i + 1, header.indexOf('处理结果') + 1).setValue(ticketNo);
    done += 1;
  }
  lock.releaseLock();
  return done;
}
