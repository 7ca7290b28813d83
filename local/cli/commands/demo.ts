/**
 * `demo [--state DIR]` (what `npm start` runs): a fresh state folder and a
 * realistic day — setup, good/flawed/returning/sensitive submissions through
 * every entry point, staff at work, the clock running the jobs — printed
 * step by step, ending with where to open the workbook and the emails.
 */
import { CONFIG, CUSTOMERS, REVIEW, TICKETS } from '../../../src/sheets/schema';
import fs from 'node:fs';
import path from 'node:path';
import { defineCommand } from '../command';
import { CliError, type Lang } from '../messages';
import { formatTime } from '../format';
import { saveSession, scriptTimeZone, startRuntime } from '../session';
import { newState } from '../../runtime/state';
import type { Runtime } from '../../runtime/runtime';
import { findSheet, getCell, lastColumn, lastRow } from '../../runtime/sheet-data';
import { demoFolder, writeDemoMarker } from '../../persist/demo-marker';
import { clearOutbox, OUTBOX_DIR } from '../../persist/outbox';
import { WORKBOOK_FILE } from '../../persist/workbook';
import { parseSubmissions, readInputFile, type RawRecord } from '../../drive/input';
import { submitVia, type SubmitLine } from '../../drive/submit';
import { setConfigValue } from '../../drive/config-view';
import { REPO_ROOT } from '../session';

/** The demo's own folder: `npm start` never touches the ./local-state people work in. */
export const DEMO_STATE_DIR = './demo-state';
const DEMO_SEED = 'demo';
const START = Date.parse('2026-11-23T09:00:00+08:00'); // a Monday
const STAFF = 'sales1@example.com';
const SUPPORT = 'support1@example.com';

type Say = (zh: string, en: string) => void;

export const demoCommand = defineCommand({
  name: 'demo',
  summary: {
    'zh-CN': '演示（npm start）：新建状态目录，模拟一天的业务，逐步说明发生了什么',
    en: 'the demo (npm start): a fresh state folder and a simulated business day, explained step by step',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- demo [--force] [--state DIR]',
      '',
      '在 DIR（默认 ./demo-state，不是其他命令默认的 ./local-state）中新建状态并运行演示。',
      '再次运行时替换上次演示的结果（并说明）；DIR 中的状态不是演示生成的，或演示之后又被修改过时，拒绝替换。',
      '  --force      仍然替换 DIR 中原有的状态（与 init --force 相同，旧邮件一并删除）',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- demo [--force] [--state DIR]',
      '',
      'Creates a fresh state in DIR (default ./demo-state, not the ./local-state of the other commands) and runs the demo.',
      'Run again, it replaces the previous demo (and says so); it refuses a state the demo did not make, or one changed since the demo.',
      '  --force      replace the state DIR holds anyway (as init --force does; its old emails go too)',
    ].join('\n'),
  },
  options: { force: { type: 'boolean' } },
  defaultStateDir: DEMO_STATE_DIR,
  async run(ctx) {
    const dir = ctx.stateDir;
    const found = demoFolder(dir);
    const force = ctx.values.force === true;
    if (!force && found === 'other') throw new CliError('demoNotOurs', { dir });
    if (!force && found === 'changedDemo') throw new CliError('demoChanged', { dir });
    // A replaced state takes its old emails with it: outbox names restart at 0001.
    if (fs.existsSync(path.join(dir, OUTBOX_DIR))) clearOutbox(dir);
    ctx.out(ctx.t(found === 'empty' ? 'demoFolderNew' : found === 'demo' ? 'demoFolderReplaced' : 'demoFolderForced', { dir }));
    ctx.out('');
    const say: Say = (zh, en) => ctx.out(ctx.lang === 'en' ? en : zh);
    const rt = startRuntime(newState({ clock: START, timeZone: scriptTimeZone(), seed: DEMO_SEED }));
    runDay(rt, say, ctx.lang);
    await saveSession(dir, rt);
    writeDemoMarker(dir);
    say('', '');
    say(`完成。打开表格：${path.join(dir, WORKBOOK_FILE)}`, `Done. Open the spreadsheet: ${path.join(dir, WORKBOOK_FILE)}`);
    say(`邮件（.eml，可用邮件客户端打开）：${path.join(dir, OUTBOX_DIR)}`, `Emails (.eml, open with a mail client): ${path.join(dir, OUTBOX_DIR)}`);
    say(
      `继续探索：npm run --silent cli -- show 工单 --state ${dir}；mail --state ${dir}；--help 查看全部命令`,
      `Explore further: npm run --silent cli -- show 工单 --state ${dir}; mail --state ${dir}; --help for every command`,
    );
    ctx.out(ctx.t('demoKeep'));
    return 0;
  },
});

function runDay(rt: Runtime, say: Say, lang: Lang): void {
  const tz = rt.state.timeZone;
  const at = (hhmm: string, day = '2026-11-23') => Date.parse(`${day}T${hhmm}:00+08:00`);
  const stamp = () => `[${formatTime(rt.state.clock, tz).slice(5)}]`;
  const examples = (name: string): RawRecord[] => {
    const { text } = readInputFile(path.join(REPO_ROOT, 'examples', name));
    return parseSubmissions(text, name);
  };

  say('客户信息收集与反馈 — 演示：模拟 2026 年 11 月 23 日（星期一）这一天', 'Customer information & feedback — demo: a simulated Monday, 23 November 2026');
  say('', '');
  const setup = rt.run('setup');
  if (!setup.ok) throw new Error(`setup failed: ${setup.error}`);
  const summary = setup.value as { sheetsCreated: string[]; formUrl: string; triggersCreated: string[] };
  say(
    `${stamp()} 管理员点击 客户管理 › 初始化/修复：创建工作表 ${summary.sheetsCreated.join('、')}，表单 ${summary.formUrl}，触发器 ${summary.triggersCreated.join('、')}`,
    `${stamp()} The admin runs 客户管理 › 初始化/修复: sheets ${summary.sheetsCreated.join(', ')}, form ${summary.formUrl}, triggers ${summary.triggersCreated.join(', ')}`,
  );
  setConfigValue(rt.state, '接口', '令牌', 'demo-webhook-token-2026');
  say(`${stamp()} 管理员在“配置”表中为小程序接口设置令牌（接口 / 令牌）`, `${stamp()} The admin sets a webhook token in 配置 (接口 / 令牌) for the mini-program`);

  // A new need type, typed into 配置: the live Form offers it at once (same Form, same link).
  const needRow = findConfigRow(rt, '选项', '需求类型');
  const needTypes = String(getCell(findSheet(rt.state, '配置')!, needRow, col(rt, '配置', CONFIG.col.value)));
  const typed = rt.editCell('配置', needRow, col(rt, '配置', CONFIG.col.value), `${needTypes}、服务合作`, 'admin@example.com');
  if (!typed.ok) throw new Error(`demo edit refused: ${typed.message}`);
  const needItem = rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!.items.find((i) => i.title === '需求类型')!;
  say(
    `${stamp()} 管理员在 配置 › 选项 › 需求类型 加上“服务合作”：表单的“需求类型”随即变为 ${(needItem.choices ?? []).join('、')}（同一个表单、同一个链接，已有回复不变）`,
    `${stamp()} The admin adds 服务合作 to 配置 › 选项 › 需求类型: the Form's 需求类型 question now offers ${(needItem.choices ?? []).join(', ')} (the same Form and link, responses kept)`,
  );

  const form = examples('day-form.json');
  const times = ['09:12', '09:40', '10:05', '10:30', '10:48', '11:02'];
  const notes = [
    ['顾客在公众号里填写表单', 'a customer fills the Form from the WeChat account'],
    ['企业客户在展会扫码填写', 'a company fills the Form at a trade fair'],
    ['填写有误的表单', 'a flawed Form'],
    ['老客户换了写法再次提交', 'a returning customer, mobile written differently'],
    ['有人在姓名里写公式和脚本', 'someone puts a formula and a script in the form'],
    ['未勾选个人信息处理同意', 'no consent to personal data processing'],
  ];
  form.forEach((record, i) => {
    const line = submitVia(rt, 'form', [record], { at: at(times[i]!) })[0]!;
    report(say, stamp(), notes[i]!, String(record['姓名/企业名称'] ?? ''), line, lang);
  });
  say(
    `        ↳ 未同意的回复：待审核行不含任何个人信息，表单中的回复已删除（表单现有回复 ${rt.state.forms[0]!.responses.length} 条）`,
    `        ↳ no consent: the review row holds no personal data and the Form response was deleted (${rt.state.forms[0]!.responses.length} responses left on the Form)`,
  );

  const phone = examples('phone-call.json');
  const manual = submitVia(rt, 'manual', phone, { at: at('11:30'), as: SUPPORT })[0]!;
  report(say, stamp(), ['客服接听电话，当场复述确认后线下录入（含身份证号和地址，加密保存）', 'support enters a phone call by hand (ID number and address: stored encrypted)'], '孙悦', manual, lang);

  const crm = examples('crm-export.csv');
  const imported = submitVia(rt, 'import', crm, { at: at('13:40'), as: STAFF });
  imported.forEach((line, i) =>
    report(say, stamp(), ['销售把 CRM 导出粘贴到“导入”表并运行导入', 'sales paste a CRM export into 导入 and run the import'], String(crm[i]!['姓名/企业名称']), line, lang),
  );

  const hook = examples('webhook.json');
  const posted = submitVia(rt, 'webhook', hook, { at: at('14:05') })[0]!;
  report(say, stamp(), ['小程序通过接口提交', 'the mini-program posts to the webhook'], '周杰', posted, lang);

  // Staff at work.
  rt.advanceClockTo(at('15:10'));
  staffEdit(rt, '工单', 'T20261123001', TICKETS.col.progressNote, '已电话联系，远程协助排查登录报错', SUPPORT);
  staffEdit(rt, '工单', 'T20261123001', TICKETS.col.status, '已联系客户', SUPPORT);
  say(`${stamp()} 技术支持在工单 T20261123001 的“状态”下拉框选择“已联系客户”（写入历史）`, `${stamp()} support picks 已联系客户 for T20261123001 (recorded in 历史)`);
  const refused = rt.editCell('工单', findRow(rt, '工单', TICKETS.col.no, 'T20261123001'), col(rt, '工单', TICKETS.col.status), '搞定了', SUPPORT);
  say(
    `${stamp()} 有人在“状态”里手打“搞定了”：${refused.ok ? '被记录为无效并恢复原值' : '被下拉框拒绝'}`,
    `${stamp()} someone types 搞定了 into 状态: ${refused.ok ? 'refused and restored' : 'refused by the dropdown'}`,
  );

  // The review queue: fix the flawed form and resubmit it.
  const reviewRow = 2;
  const review = findSheet(rt.state, '待审核')!;
  const rawCol = col(rt, '待审核', REVIEW.col.rawData);
  const raw = JSON.parse(String(getCell(review, reviewRow, rawCol))) as Record<string, string>;
  raw['mobile'] = '13800138111';
  raw['email'] = 'lilei@example.com';
  raw['need_description'] = '回电确认：想了解在线课程平台的报价，约 200 名学员使用';
  rt.advanceClockTo(at('16:00'));
  staffEdit(rt, '待审核', null, REVIEW.col.rawData, JSON.stringify(raw), STAFF, reviewRow);
  const resubmitted = rt.run('resubmitReview', [reviewRow], { user: STAFF });
  report(say, stamp(), ['销售回电核实后修正待审核第 2 行并重新提交', 'sales call back, correct review row 2 and resubmit'], '李雷', (resubmitted.ok ? resubmitted.value : { outcome: 'failed', error: resubmitted.error }) as SubmitLine, lang);

  // Waiting for the customer: the ticket's clock stops until they answer through their pre-filled link.
  rt.advanceClockTo(at('16:20'));
  const dueBefore = cellOf(rt, '工单', 'T20261123001', TICKETS.col.deadline);
  staffEdit(rt, '工单', 'T20261123001', TICKETS.col.progressNote, '请发一张报错页面的截图，并告诉我们收银电脑的浏览器版本', SUPPORT);
  staffEdit(rt, '工单', 'T20261123001', TICKETS.col.status, '待客户补充', SUPPORT);
  say(
    `${stamp()} 技术支持把 T20261123001 设为“待客户补充”：客户收到“请补充信息”邮件，内含预先填好其资料和工单号的表单链接；处理时限暂停计时（原截止 ${dueBefore}）`,
    `${stamp()} support sets T20261123001 to 待客户补充: the customer gets the 请补充信息 mail with a Form link pre-filled with their details and the ticket number; the time limit pauses (due ${dueBefore} until now)`,
  );

  // A customer's new mobile, corrected by staff in 客户: the blind index follows, so the next submission matches.
  rt.advanceClockTo(at('16:40'));
  const customerRow = findRow(rt, '客户', CUSTOMERS.col.no, 'C20261123001');
  const corrected = rt.editCell('客户', customerRow, col(rt, '客户', CUSTOMERS.col.mobile), '137 2026 1123', STAFF);
  if (!corrected.ok) throw new Error(`demo edit refused: ${corrected.message}`);
  say(
    `${stamp()} 王小明来电说换了手机号，销售在“客户”表把手机号改为 137 2026 1123（校验、规范化为 ${cellOf(rt, '客户', 'C20261123001', CUSTOMERS.col.mobile, CUSTOMERS.col.no)}，新旧值记入历史）`,
    `${stamp()} 王小明 calls with a new mobile; sales correct it in 客户 to 137 2026 1123 (checked, normalised to ${cellOf(rt, '客户', 'C20261123001', CUSTOMERS.col.mobile, CUSTOMERS.col.no)}, old and new values in 历史)`,
  );

  // Time passes: the hourly jobs run (the sweep, and the follow-up jobs when present).
  const runs = rt.advanceClockTo(at('09:30', '2026-11-25'));
  const handlers = [...new Set(runs.map((r) => r.result.handler))];
  const failed = runs.filter((r) => !r.result.ok).length;
  say(
    `${stamp()} 两天过去：定时任务运行了 ${runs.length} 次（${handlers.join('、')}），失败 ${failed} 次`,
    `${stamp()} two days pass: time-driven jobs ran ${runs.length} times (${handlers.join(', ')}), ${failed} failed`,
  );

  // The customer answers through the link in the 请补充信息 mail: the paused ticket resumes, its deadline moved on.
  const asked = rt.state.mail.sent.find((m) => m.subject.includes('请补充信息') && m.subject.includes('T20261123001'));
  if (!asked) throw new Error('demo: no 请补充信息 mail');
  const answer = { ...prefilledAnswers(rt, asked.body), '具体需求描述': '截图已上传到共享盘；收银电脑用的是 Chrome 98，换新版本后问题依旧', '需求类型': '售后支持', '时间要求': '1周内', '所属行业': '零售', '客户类型': '个人', '个人信息处理同意': '同意' };
  const answered = submitVia(rt, 'form', [answer], { at: at('10:15', '2026-11-25') })[0]!;
  report(say, stamp(), ['王小明点开邮件里的链接，补充后提交', '王小明 opens the link in the mail, adds the details and submits'], '王小明', answered, lang);
  say(
    `        ↳ T20261123001 恢复为“${cellOf(rt, '工单', 'T20261123001', TICKETS.col.status)}”，截止时间按暂停的工作时间顺延：${dueBefore} → ${cellOf(rt, '工单', 'T20261123001', TICKETS.col.deadline)}`,
    `        ↳ T20261123001 is back to ${cellOf(rt, '工单', 'T20261123001', TICKETS.col.status)}, its deadline moved on by the paused working time: ${dueBefore} → ${cellOf(rt, '工单', 'T20261123001', TICKETS.col.deadline)}`,
  );
  const newMobile = submitVia(rt, 'manual', [{
    customer_kind: '个人', name: '王小明', industry: '零售', mobile: '13720261123', need_type: '产品咨询',
    need_description: '电话来电：第二家门店也想装一套收银系统，想了解价格和安装时间', time_requirement: '1个月内', consent: '同意',
  }], { at: at('10:40', '2026-11-25'), as: SUPPORT })[0]!;
  report(say, stamp(), ['王小明用新手机号来电，客服线下录入', '王小明 calls from the new mobile; support enters it'], '王小明', newMobile, lang);

  // The manager wants this week's figures now (客户管理 › 立即生成周报).
  const weekly = rt.run('reportNow', ['weekly'], { user: 'manager@example.com' });
  if (!weekly.ok) throw new Error(`weekly report failed: ${weekly.error}`);
  const wr = weekly.value as { from: string; to: string; tickets: number; archivedRows: number; recipients: number };
  say(
    `${stamp()} 主管生成本周周报（${wr.from} 至 ${wr.to}）：工单 ${wr.tickets} 张，发给 ${wr.recipients} 位收件人，${wr.archivedRows} 项指标存档到“报表”表`,
    `${stamp()} The manager makes this week's report (${wr.from} to ${wr.to}): ${wr.tickets} tickets, mailed to ${wr.recipients} recipient(s), ${wr.archivedRows} figures archived in 报表`,
  );

  // And the quarter so far, whose report carries the quarterly review (季度复盘).
  const quarterly = rt.run('reportNow', ['quarterly'], { user: 'manager@example.com' });
  if (!quarterly.ok) throw new Error(`quarterly report failed: ${quarterly.error}`);
  const qr = quarterly.value as { from: string; to: string; archivedRows: number };
  say(
    `${stamp()} 主管生成本季度至今的季报（${qr.from} 至 ${qr.to}），含季度复盘：表单完成率、信息准确率、线下表单回收率和问题分配延迟，按渠道和团队与上季度对比，${qr.archivedRows} 项指标存档到“报表”表；复盘会决定的行动记在“复盘”表`,
    `${stamp()} The manager makes the quarter's report so far (${qr.from} to ${qr.to}) with its quarterly review: form completion, accuracy, offline forms entered and time to first response, by channel and team beside last quarter; ${qr.archivedRows} figures archived in 报表; the actions the review decides go into 复盘`,
  );

  const counts = (name: string) => Math.max(0, lastRow(findSheet(rt.state, name)!) - 1);
  say('', '');
  say(
    `结果：客户 ${counts('客户')} 位，工单 ${counts('工单')} 张，待审核 ${counts('待审核')} 条，历史 ${counts('历史')} 条，邮件 ${rt.state.mail.sent.length} 封`,
    `Result: ${counts('客户')} customers, ${counts('工单')} tickets, ${counts('待审核')} review rows, ${counts('历史')} history rows, ${rt.state.mail.sent.length} emails`,
  );
}

function report(say: Say, stamp: string, [zh, en]: string[], name: string, line: SubmitLine | { outcome: string; [k: string]: unknown }, lang: Lang): void {
  const who = name.length > 24 ? name.slice(0, 24) + '…' : name;
  switch (line.outcome) {
    case 'accepted':
      say(
        `${stamp} ${zh}：${who} → 受理 ${line['ticket_no']}（客户 ${line['customer_no']}，${line['segment']}，优先级 ${line['priority']}，${line['issue_type']}，负责人 ${line['owner']}，截止 ${line['deadline']}）${(line['warnings'] as string[]).length ? '，待核实：' + (line['warnings'] as string[]).join('；') : ''}`,
        `${stamp} ${en}: ${who} → accepted ${line['ticket_no']} (customer ${line['customer_no']}, ${line['segment']}, priority ${line['priority']}, ${line['issue_type']}, owner ${line['owner']}, due ${line['deadline']})`,
      );
      return;
    case 'review':
      say(
        `${stamp} ${zh}：${who} → 待审核第 ${line['review_row']} 行：${(line['problems'] as string[]).join('；')}`,
        `${stamp} ${en}: ${who} → review row ${line['review_row']}: ${(line['problems'] as string[]).join('; ')}`,
      );
      return;
    default:
      say(`${stamp} ${zh}：${who} → ${line.outcome} ${JSON.stringify(line)}`, `${stamp} ${en}: ${who} → ${line.outcome} ${JSON.stringify(line)}`);
  }
  void lang;
}

function col(rt: Runtime, sheetName: string, label: string): number {
  const sheet = findSheet(rt.state, sheetName)!;
  for (let c = 1; c <= lastColumn(sheet); c++) if (String(getCell(sheet, 1, c)) === label) return c;
  throw new Error(`no column ${label} in ${sheetName}`);
}

function findRow(rt: Runtime, sheetName: string, label: string, value: string): number {
  const sheet = findSheet(rt.state, sheetName)!;
  const c = col(rt, sheetName, label);
  for (let r = 2; r <= lastRow(sheet); r++) if (String(getCell(sheet, r, c)) === value) return r;
  throw new Error(`no ${value} in ${sheetName}`);
}

/** The row of 配置 holding `group` › `key`. */
function findConfigRow(rt: Runtime, group: string, key: string): number {
  const sheet = findSheet(rt.state, '配置')!;
  const g = col(rt, '配置', CONFIG.col.group);
  const k = col(rt, '配置', CONFIG.col.key);
  for (let r = 2; r <= lastRow(sheet); r++) if (getCell(sheet, r, g) === group && getCell(sheet, r, k) === key) return r;
  throw new Error(`no 配置 row ${group} › ${key}`);
}

/** A cell of the row whose `keyLabel` (工单编号 unless given) holds `key`, as the sheet shows it. */
function cellOf(rt: Runtime, sheetName: string, key: string, label: string, keyLabel: string = TICKETS.col.no): string {
  const value = getCell(findSheet(rt.state, sheetName)!, findRow(rt, sheetName, keyLabel, key), col(rt, sheetName, label));
  return value !== null && typeof value === 'object' && 'd' in value ? formatTime(value.d, rt.state.timeZone) : String(value ?? '');
}

/** What the customer finds filled in when they open the pre-filled Form link in a mail: answers by question title. */
function prefilledAnswers(rt: Runtime, body: string): RawRecord {
  const link = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(body)?.[0];
  if (!link) throw new Error('demo: no Form link in the mail');
  const form = rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
  const out: RawRecord = {};
  for (const [name, value] of new URL(link).searchParams) {
    const item = /^entry\.(\d+)$/.test(name) ? form.items.find((i) => `entry.${i.id}` === name) : undefined;
    if (item) out[item.title] = value;
  }
  return out;
}

/** A staff member types into a cell (by ticket number, or by row). */
function staffEdit(rt: Runtime, sheetName: string, ticket: string | null, label: string, value: string, user: string, row?: number): void {
  const r = row ?? findRow(rt, sheetName, TICKETS.col.no, ticket!);
  const result = rt.editCell(sheetName, r, col(rt, sheetName, label), value, user);
  if (!result.ok) throw new Error(`demo edit refused: ${result.message}`);
}

