/**
 * Pushes from 金数据, 问卷星 and 腾讯问卷 on the shipped bundle: the samples in
 * examples/pushes/ file tickets whose 收集渠道 and 经办人 are the tool, a push
 * sent again files nothing twice, an unmapped question lands in 备注, a push
 * that fills nothing required is refused with its code and the admin told
 * once, a wrong token or 问卷星 sign is refused, a 表单工具 typo is noted on
 * its cell, an ID number stays sealed, and only the owner sees the secrets.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../local/runtime/runtime';
import { forgetCachedConfig } from '../local/drive/config-view';
import { pushBodies, submitPushes, type PushVia } from '../local/drive/push';
import { configRowsOf } from '../local/cli/commands/config';
import { findSheet, getCell, getCellProp, lastColumn, lastRow, setCell } from '../local/runtime/sheet-data';
import { CONFIG, HISTORY, INTERNAL, SELF_CHECK, TICKETS } from '../src/sheets/schema';
import { rows, world } from './helpers/world';

const SAMPLES = path.join(__dirname, '..', 'examples', 'pushes');
const sample = (name: string) => fs.readFileSync(path.join(SAMPLES, name), 'utf8');
const OWNER = 'admin@example.com';

/** The admin adds 配置 rows below the last (host-side: no trigger, so 配置 is read afresh by the next execution). */
function addConfigRows(rt: Runtime, list: [string, string, string][]): void {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const col = (label: string) => Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1)).indexOf(label) + 1;
  let row = lastRow(sheet);
  for (const [g, k, v] of list) {
    row += 1;
    setCell(sheet, row, col(CONFIG.col.group), g);
    setCell(sheet, row, col(CONFIG.col.key), k);
    setCell(sheet, row, col(CONFIG.col.value), v);
  }
  forgetCachedConfig(rt.state);
}

function push(rt: Runtime, tool: PushVia, body: string | object, token?: string) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return submitPushes(rt, tool, [text], token === undefined ? {} : { token }).lines[0]!;
}

const tickets = (rt: Runtime) => rows(rt, TICKETS.name);

describe('each tool\'s sample files a ticket', () => {
  test('金数据, 腾讯问卷 and (with its rows) 问卷星: 收集渠道 and 经办人 are the tool, the unknown question is kept in 备注', () => {
    const rt = world();
    addConfigRows(rt, configRowsOf(sample('wjx-rows.tsv')));
    const out = (['jinshuju', 'wjx', 'tencent'] as const).map((tool) => push(rt, tool, sample(`${tool}.json`)));
    expect(out.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(out.map((o) => o.unmapped)).toEqual([['field_9'], ['q9'], ['您是从哪里知道我们的？']]);
    const filed = tickets(rt);
    expect(filed.map((t) => [t['姓名/企业名称'], t['收集渠道'], t['经办人'], t['需求类型']])).toEqual([
      ['张三', '金数据', '金数据', '产品咨询'],
      ['李四', '问卷星', '问卷星', '产品咨询'],
      ['深圳示例科技有限公司', '腾讯问卷', '腾讯问卷', '技术支持'],
    ]);
    // 问卷星's option numbers became the contract's words through the rows.
    expect(rows(rt, '客户').map((c) => [c['客户类型'], c['所属行业']])).toEqual([['个人', '互联网'], ['个人', '互联网'], ['企业', '制造业']]);
    expect(filed.map((t) => t[TICKETS.col.notes])).toEqual([
      expect.stringContaining('field_9: 下午三点以后方便接电话'),
      expect.stringContaining('q9: 周末也可以联系'),
      expect.stringContaining('您是从哪里知道我们的?: 行业展会上拿到的传单'),
    ]);
    // The customer of each is acknowledged like any other.
    expect(rt.state.mail.sent.some((m) => m.to === 'zhangsan@example.com' && m.subject.includes(String(filed[0]![TICKETS.col.no])))).toBe(true);
  });

  test('a push the tool retried two hours late keeps its customer\'s submit time: 填写日期 is that, 录入时间 is when it came', () => {
    const rt = world();
    rt.advanceClockTo(rt.state.clock + 2 * 3_600_000);
    const body = JSON.parse(sample('tencent.json')) as { payload: { ended_at: string } };
    expect(body.payload.ended_at).toBe('2026-11-23 09:58:39');
    expect(push(rt, 'tencent', body).outcome).toBe('accepted');
    const [t] = tickets(rt);
    expect(t![TICKETS.col.submittedAt]).toBe('2026-11-23T09:58:39+08:00');
    expect(t![TICKETS.col.enteredAt]).toMatch(/^2026-11-23T12:0\d/);
  });

  test('a push sent again (a retry, or the same entry replayed days later) files nothing twice', () => {
    const rt = world();
    const first = push(rt, 'jinshuju', sample('jinshuju.json'));
    // The tool's second try of the same entry carries the same ids, whatever else changed.
    const again = JSON.parse(sample('jinshuju.json')) as { entry: Record<string, unknown> };
    again.entry.updated_at = '2026-11-23T02:09:00.000Z';
    expect(push(rt, 'jinshuju', again)).toMatchObject({ outcome: 'duplicate', ticket_no: first.ticket_no });
    rt.advanceClockTo(rt.state.clock + 3 * 3_600_000);
    expect(push(rt, 'jinshuju', sample('jinshuju.json'))).toMatchObject({ outcome: 'duplicate', ticket_no: first.ticket_no });
    expect(tickets(rt)).toHaveLength(1);
    // Another entry (serial number 2) of the same form is another ticket.
    again.entry.serial_number = 2;
    expect(push(rt, 'jinshuju', again).outcome).toBe('accepted');
    expect(tickets(rt)).toHaveLength(2);
  });

  test('an edit or a deletion of an answer at 腾讯问卷 is answered as done and files nothing', () => {
    const rt = world();
    const body = JSON.parse(sample('tencent.json')) as Record<string, unknown>;
    expect(push(rt, 'tencent', { ...body, action: 'answer.update' })).toMatchObject({ outcome: 'ignored', code: 'not_new_entry' });
    expect(tickets(rt)).toHaveLength(0);
  });
});

describe('refused pushes', () => {
  test('a push filling nothing required is refused with its code; the admin is mailed once, naming the questions, not the answers', () => {
    const rt = world();
    const before = rt.state.mail.sent.length;
    const first = push(rt, 'wjx', sample('wjx.json'));
    expect(first).toMatchObject({ outcome: 'refused', status: 422, code: 'no_required_field' });
    expect(String(first.error)).toContain('q1、q2');
    const second = JSON.parse(sample('wjx.json')) as Record<string, unknown>;
    expect(push(rt, 'wjx', { ...second, joinid: '101812480276' }).code).toBe('no_required_field');
    const alerts = rt.state.mail.sent.slice(before).filter((m) => m.to === OWNER && m.subject.includes('问卷星'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toContain('q1、q2、q3');
    expect(alerts[0]!.body).not.toContain('13900139000');
    expect(tickets(rt)).toHaveLength(0);
  });

  test('a wrong token, a tool switched off, a bad 问卷星 sign and an unsigned push under a key are refused; the right sign is filed', () => {
    const rt = world();
    addConfigRows(rt, configRowsOf(sample('wjx-rows.tsv')));
    // A tool the owner has not switched on admits nothing, whatever the URL says.
    expect(push(rt, 'tencent', sample('tencent.json'), '')).toMatchObject({ outcome: 'refused', code: 'disabled', status: 403 });
    for (const tool of ['jinshuju', 'wjx']) expect(rt.run('renewFormToolToken', [tool], { user: OWNER }).ok).toBe(true);
    expect(push(rt, 'jinshuju', sample('jinshuju.json'), 'not-the-token-0123456789abcdef0123')).toMatchObject({ outcome: 'refused', status: 401, code: 'bad_token' });
    expect(tickets(rt)).toHaveLength(0);
    const key = rt.run('saveWjxSignKey', ['问卷星-推送密钥-9f3a'], { user: OWNER });
    expect(key.ok).toBe(true);
    const body = JSON.parse(sample('wjx.json')) as Record<string, unknown>;
    expect(push(rt, 'wjx', { ...body, sign: '0'.repeat(40) })).toMatchObject({ outcome: 'refused', code: 'bad_signature' });
    expect(push(rt, 'wjx', { ...body, index: undefined })).toMatchObject({ outcome: 'refused', code: 'missing_signature' });
    // The push helper signs a blank sign as 问卷星 documents: sha1(activity + index + 推送密钥).
    expect(push(rt, 'wjx', body).outcome).toBe('accepted');
    expect(tickets(rt).map((t) => t['收集渠道'])).toEqual(['问卷星']);
  });
});

describe('配置 › 表单工具', () => {
  test('a typo is noted on its value cell as it is typed, and the note goes once it is right', () => {
    const rt = world();
    const sheet = findSheet(rt.state, CONFIG.name)!;
    const row = lastRow(sheet) + 1;
    const type = (col: number, value: string) => {
      const r = rt.staff.type(CONFIG.name, row, col, value, OWNER);
      if (!r.ok) throw new Error(r.message);
      for (const run of r.runs) if (!run.ok) throw new Error(run.error);
    };
    type(1, '表单工具');
    type(2, '问卷星 › q2');
    type(3, '姓名企业名称');
    expect(getCellProp(sheet, row, 3, 'note')).toMatch(/^⚠ .*“姓名企业名称”不是客户信息字段/);
    type(3, '姓名/企业名称');
    expect(getCellProp(sheet, row, 3, 'note') ?? '').toBe('');
  });
});

describe('sensitive answers', () => {
  test('an ID number in a pushed entry is sealed: not in 备注, not in the reply, not in any mail', () => {
    const rt = world();
    const body = JSON.parse(sample('jinshuju.json')) as { entry: Record<string, unknown> };
    // One question the rows do not map whose answer is an ID number, one a renamed API code names.
    body.entry.field_7 = '11010519491231002X';
    const reply = push(rt, 'jinshuju', body);
    expect(JSON.stringify(reply)).not.toContain('11010519491231002X');
    const [ticket] = tickets(rt);
    expect(String(ticket![TICKETS.col.notes])).not.toContain('11010519491231002X');
    const [customer] = rows(rt, '客户');
    expect(customer!['证件号码']).toMatch(/^110\*+002X$/);
    expect(JSON.stringify(rows(rt, TICKETS.name)) + JSON.stringify(rows(rt, HISTORY.name))).not.toContain('11010519491231002X');
    for (const m of rt.state.mail.sent) expect(m.body).not.toContain('11010519491231002X');
    expect(String(ticket![INTERNAL.source])).toMatch(/^webhook:/);
  });
});

describe('the owner\'s secrets', () => {
  test('only the owner sees or changes them; a new token stops the old URL; 历史 says what changed, never the secret', () => {
    const rt = world();
    for (const fn of ['formToolSettings', 'renewFormToolToken', 'disableFormTool']) {
      const r = rt.run(fn, ['jinshuju'], { user: 'sales1@example.com' });
      expect({ fn, ok: r.ok }).toEqual({ fn, ok: false });
      expect(r.error).toContain(OWNER);
    }
    const on = rt.run('renewFormToolToken', ['jinshuju'], { user: OWNER });
    const url = (on.value as { tools: { tool: string; pushUrl: string | null }[] }).tools.find((t) => t.tool === 'jinshuju')!.pushUrl!;
    expect(url).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/[\w-]+\/exec\?tool=jinshuju&token=[0-9a-f]{40}$/);
    const oldToken = url.split('token=')[1]!;
    // Nowhere in the workbook: not in 配置, not in 历史.
    expect(JSON.stringify(rt.state.spreadsheet)).not.toContain(oldToken);
    rt.run('renewFormToolToken', ['jinshuju'], { user: OWNER });
    expect(push(rt, 'jinshuju', sample('jinshuju.json'), oldToken).code).toBe('bad_token');
    expect(push(rt, 'jinshuju', sample('jinshuju.json')).outcome).toBe('accepted');
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '表单工具推送变更').map((h) => h[HISTORY.col.note]))
      .toEqual(['金数据：开启推送（生成推送令牌）', '金数据：更换推送令牌（旧的推送地址已失效）']);
  });

  test('设置说明: the owner gets the push URLs and the printable QR code; others are told to ask the owner; 自检 says what it cannot see', () => {
    const rt = world();
    rt.run('renewFormToolToken', ['tencent'], { user: OWNER });
    rt.run('showSetupHelp', [], { user: OWNER });
    const mine = rt.services.SpreadsheetApp.ui.dialog!.html;
    expect(mine).toMatch(/腾讯问卷的推送地址：<br><span class="push-url">https:\/\/script\.google\.com\/macros\/s\/[\w-]+\/exec\?tool=tencent&amp;token=[0-9a-f]{40}<\/span>/);
    expect(mine).toContain('金数据：未开启');
    expect(mine).toMatch(/<div class="qr-print"><div class="qr-company">示例科技有限公司<\/div>.*<svg [^>]*viewBox.*<\/svg><div class="qr-link">https:\/\/docs\.google\.com\/forms\//);
    rt.run('showSetupHelp', [], { user: 'sales1@example.com' });
    const theirs = rt.services.SpreadsheetApp.ui.dialog!.html;
    expect(theirs).not.toContain('token=');
    expect(theirs).toContain(`请向 ${OWNER} 索取`);
    expect(theirs).toContain('class="qr-print"');
    const check = rt.run('runSelfCheck', [], { user: OWNER });
    expect(check.ok).toBe(true);
    const row = rows(rt, SELF_CHECK.name).find((r) => r[SELF_CHECK.col.check] === '表单工具推送')!;
    expect(row[SELF_CHECK.col.result]).toBe('通过');
    expect(row[SELF_CHECK.col.fix]).toContain('302');
    // Before a web app deployment there is no URL to give, and both say so.
    rt.state.webApp = { deployed: false };
    rt.run('showSetupHelp', [], { user: OWNER });
    expect(rt.services.SpreadsheetApp.ui.dialog!.html).toContain('部署为 Web 应用之后才有');
    rt.run('runSelfCheck', [], { user: OWNER });
    expect(rows(rt, SELF_CHECK.name).find((r) => r[SELF_CHECK.col.check] === '表单工具推送')![SELF_CHECK.col.result]).toBe('未通过');
  });
});

test('the sample files are one push each, as the tools send them', () => {
  for (const tool of ['jinshuju', 'wjx', 'tencent']) expect(pushBodies(sample(`${tool}.json`))).toHaveLength(1);
});
