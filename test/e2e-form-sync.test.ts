/**
 * The live Form follows 配置, on the shipped bundle: 字段 rows (必填 / 选填 /
 * 不显示, help text), 选项 and the consent sentence reach the same Form (same
 * id, same link, its responses kept) when they are edited and when setup
 * runs again; 个人 and 企业 answer on pages of their own; a need type added in
 * 配置 works end to end; an option taken out stays valid for answers given
 * while it was offered; an item staff renamed still files under its field.
 */
import { CONFIG, INTERNAL, REVIEW, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import type { FormItemState, FormState } from '../local/runtime/state';
import { findSheet, getCellProp, lastRow } from '../local/runtime/sheet-data';
import { person, rows, submitOne, world } from './helpers/world';

const GROUP_COLUMN = 1;
const KEY_COLUMN = 2;
const VALUE_COLUMN = 3;

function liveForm(rt: Runtime): FormState {
  return rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
}

function item(rt: Runtime, title: string): FormItemState | undefined {
  return liveForm(rt).items.find((i) => i.title === title);
}

function configRow(rt: Runtime, group: string, key: string): number {
  const row = rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === group && r[CONFIG.col.key] === key) + 2;
  if (row < 2) throw new Error(`no 配置 row ${group} / ${key}`);
  return row;
}

function type(rt: Runtime, row: number, column: number, value: string): void {
  const r = rt.staff.type(CONFIG.name, row, column, value, rt.state.owner);
  if (!r.ok) throw new Error(r.message);
  for (const run of r.runs) if (!run.ok) throw new Error(run.error);
}

function setConfig(rt: Runtime, group: string, key: string, value: string): number {
  const row = configRow(rt, group, key);
  type(rt, row, VALUE_COLUMN, value);
  return row;
}

/** A row typed below the others, cell by cell as a person would. */
function addConfigRow(rt: Runtime, group: string, key: string, value: string): void {
  const row = lastRow(findSheet(rt.state, CONFIG.name)!) + 1;
  type(rt, row, GROUP_COLUMN, group);
  type(rt, row, KEY_COLUMN, key);
  type(rt, row, VALUE_COLUMN, value);
}

function noteAt(rt: Runtime, row: number): string {
  return getCellProp(findSheet(rt.state, CONFIG.name)!, row, VALUE_COLUMN, 'note') ?? '';
}

/** The titles of the Form's page breaks, in order. */
function pageTitles(form: FormState): string[] {
  return form.items.filter((i) => i.type === 'PAGE_BREAK').map((i) => i.title);
}

/** Runs setup as the owner; the summary the owner is shown. */
function setup(rt: Runtime): string {
  const r = rt.run('setup', [], { user: rt.state.owner });
  if (!r.ok) throw new Error(r.error);
  return rt.services.SpreadsheetApp.ui.alerts.at(-1)!.prompt;
}

describe('the Form as setup builds it', () => {
  test('a person and a company answer on pages of their own; 需求描述 asks for 10 characters; 满意度 is a rating', () => {
    const rt = world();
    const form = liveForm(rt);
    expect(pageTitles(form)).toEqual(['个人客户信息', '企业客户信息', '二、需求信息', '需求详情', '三、反馈与建议', '四、个人信息处理同意']);
    const index = (title: string) => form.items.findIndex((i) => i.title === title);
    const kind = item(rt, '客户类型')!;
    const personPage = item(rt, '个人客户信息')!;
    const companyPage = item(rt, '企业客户信息')!;
    const needPage = item(rt, '二、需求信息')!;
    expect(kind.navigation).toEqual([personPage.id, companyPage.id]);
    // After the person page, a person goes on to the need page, past the company page.
    expect(companyPage.goTo).toBe(needPage.id);
    // 需求类型 has a page of its own: 资料更新 (a customer confirming their details) goes straight to consent.
    const need = item(rt, '需求类型')!;
    const consentPage = item(rt, '四、个人信息处理同意')!;
    expect(need.navigation).toEqual(need.choices!.map((c) => (c === '资料更新' ? consentPage.id : null)));
    expect(index('需求类型')).toBe(index('二、需求信息') + 1);
    expect(index('需求详情')).toBe(index('需求类型') + 1);
    for (const title of ['性别', '年龄']) expect(index(title)).toBeGreaterThan(index('个人客户信息'));
    for (const title of ['性别', '年龄']) expect(index(title)).toBeLessThan(index('企业客户信息'));
    for (const title of ['职位', '企业规模']) expect(index(title)).toBeGreaterThan(index('企业客户信息'));
    for (const title of ['职位', '企业规模']) expect(index(title)).toBeLessThan(index('二、需求信息'));
    expect(item(rt, '具体需求描述')!.validation).toMatchObject({ kind: 'minLength', value: 10 });
    expect(item(rt, '满意度评分')).toMatchObject({ type: 'RATING', rating: { level: 5 } });
  });

  test('a person who typed a 职位 never submits it: that page is off their path; a company files its 职位 and no 性别', () => {
    const rt = world();
    const p = submitOne(rt, person({ position: '采购经理', gender: '女' }));
    expect(p.outcome).toBe('accepted');
    const c = submitOne(rt, person({ customer_kind: '企业', name: '北京示例科技有限公司', position: '采购经理', company_size: '50-200人', gender: '女', mobile: '13900139000', email: 'buyer@example.com' }));
    expect(c.outcome).toBe('accepted');
    const [first, second] = rows(rt, '客户');
    expect(first).toMatchObject({ 性别: '女', 职位: '' });
    expect(second).toMatchObject({ 性别: '', 职位: '采购经理', 企业规模: '50-200人' });
  });

  test('setup again with nothing changed leaves the Form alone, and says nothing about it', () => {
    const rt = world();
    const before = JSON.stringify(liveForm(rt).items);
    const r = rt.run('setup', [], { user: rt.state.owner });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(liveForm(rt).items)).toBe(before);
    const shown = rt.services.SpreadsheetApp.ui.alerts.at(-1)!.prompt;
    expect(shown).toContain('表单');
    expect(shown).not.toMatch(/新增：|移除：|更新：/);
    // Opening the Form and reading its layout: no item is read or written.
    const itemCalls = Object.entries(r.meter.calls).filter(([m]) => /Item\.|Form\.(getItems|getItemById|add|deleteItem|moveItem)/.test(m));
    expect(itemCalls).toEqual([]);
  });
});

describe('配置 › 字段 edited', () => {
  test('职位 set to 不显示 leaves the Form (same Form, same link, responses kept); shown again, it is back on the company page', () => {
    const rt = world();
    submitOne(rt, person());
    const form = liveForm(rt);
    const id = form.id;
    const responses = form.responses.length;
    const row = setConfig(rt, '字段', '职位', '不显示');
    expect(item(rt, '职位')).toBeUndefined();
    expect(noteAt(rt, row)).toBe('ℹ 表单已按配置更新（移除：职位）');
    expect(liveForm(rt).id).toBe(id);
    expect(liveForm(rt).responses).toHaveLength(responses);
    setConfig(rt, '字段', '职位', '选填');
    expect(noteAt(rt, row)).toBe('ℹ 表单已按配置更新（新增：职位）');
    const titles = liveForm(rt).items.map((i) => i.title);
    expect(titles.indexOf('职位')).toBe(titles.indexOf('企业客户信息') + 1);
  });

  test('both 企业 fields hidden: the company page goes, and 企业 leads straight to the need page', () => {
    const rt = world();
    setConfig(rt, '字段', '职位', '不显示');
    setConfig(rt, '字段', '企业规模', '不显示');
    expect(item(rt, '企业客户信息')).toBeUndefined();
    expect(item(rt, '客户类型')!.navigation).toEqual([item(rt, '个人客户信息')!.id, item(rt, '二、需求信息')!.id]);
    const c = submitOne(rt, person({ customer_kind: '企业', name: '北京示例科技有限公司' }));
    expect(c.outcome).toBe('accepted');
  });

  test('性别 made 必填: required on the Form, and of a person on every channel, not of a company', () => {
    const rt = world();
    setConfig(rt, '接口', '令牌', 'a-very-long-shared-secret-123');
    setConfig(rt, '字段', '性别', '必填');
    expect(item(rt, '性别')!.required).toBe(true);
    (['form', 'webhook', 'manual'] as const).forEach((via, i) => {
      const r = submitOne(rt, person({ mobile: `1370013700${i}`, email: `p${i}@example.com` }), via);
      expect([via, r.outcome]).toEqual([via, 'review']);
    });
    expect(rows(rt, REVIEW.name).map((r) => String(r[REVIEW.col.problems]))).toEqual(Array(3).fill('性别为必填项，请选择'));
    const company = submitOne(rt, person({ customer_kind: '企业', name: '北京示例科技有限公司', mobile: '13500135000', email: 'c@example.com' }), 'webhook');
    expect(company.outcome).toBe('accepted');
    const withGender = submitOne(rt, person({ gender: '男', mobile: '13600136000', email: 'm@example.com' }), 'webhook');
    expect(withGender.outcome).toBe('accepted');
  });

  test('a help text typed in 配置 is the Form\'s, as typed', () => {
    const rt = world();
    const row = setConfig(rt, '字段', '预算范围 › 帮助文字', '大致预算即可，例：5-10万');
    expect(item(rt, '预算范围')!.helpText).toBe('大致预算即可，例：5-10万');
    expect(noteAt(rt, row)).toBe('ℹ 表单已按配置更新（更新：预算范围）');
  });

  test.each([
    ['姓名/企业名称', '选填', '只能为 必填'],
    ['手机号', '不显示', '只能为 必填'],
    ['性别', '可选', '应为 必填、选填 或 不显示'],
  ])('%s = %s is refused with a note (%s), and the Form keeps it as it was', (key, value, detail) => {
    const rt = world();
    const before = JSON.stringify(liveForm(rt).items);
    const row = setConfig(rt, '字段', key, value);
    expect(noteAt(rt, row)).toMatch(/^⚠ /);
    expect(noteAt(rt, row)).toContain(detail);
    expect(noteAt(rt, row)).toContain('已使用默认值');
    expect(JSON.stringify(liveForm(rt).items)).toBe(before);
  });

  test('a row for a field the Form does not carry (证件号码) is refused and names the fields it may', () => {
    const rt = world();
    const row = lastRow(findSheet(rt.state, CONFIG.name)!) + 1;
    addConfigRow(rt, '字段', '证件号码', '选填');
    expect(noteAt(rt, row)).toMatch(/^⚠ “证件号码”不是表单上的字段，可设置的字段：客户类型、/);
    expect(liveForm(rt).items.some((i) => i.title === '证件号码')).toBe(false);
  });

  test('a help text over 300 characters is refused and the old one kept', () => {
    const rt = world();
    const row = setConfig(rt, '字段', '备注 › 帮助文字', '很'.repeat(301));
    expect(noteAt(rt, row)).toContain('最多 300 个');
    expect(item(rt, '备注')!.helpText).toBe('其他需要说明的情况，例：工作日下午方便接听电话');
  });
});

describe('options and need types', () => {
  test('服务合作 added to 需求类型 reaches the Form, is routed by 配置 › 路由 and filed', () => {
    const rt = world();
    const row = setConfig(rt, '选项', '需求类型', '产品咨询、合作洽谈、售后支持、技术支持、服务合作、资料更新、其他');
    expect(item(rt, '需求类型')!.choices).toContain('服务合作');
    expect(noteAt(rt, row)).toBe('ℹ 表单已按配置更新（更新：需求类型）');
    addConfigRow(rt, '路由', '需求类型:服务合作', '技术支持组');
    const r = submitOne(rt, person({ need_type: '服务合作' }));
    expect(r.outcome).toBe('accepted');
    expect(rows(rt, TICKETS.name)[0]).toMatchObject({ [TICKETS.col.needType]: '服务合作', [INTERNAL.team]: '技术支持组' });
  });

  test('an option taken out stays valid for an answer given while it was offered; a new entry with it is refused', () => {
    const rt = world();
    submitOne(rt, person({ need_type: '售后支持', mobile: '1380013800' }));
    setConfig(rt, '选项', '需求类型', '产品咨询、合作洽谈、技术支持、其他');
    expect(item(rt, '需求类型')!.choices).not.toContain('售后支持');
    const review = rt.state.spreadsheet.sheets.find((s) => s.name === REVIEW.name)!;
    const rawCol = review.rows[0]!.v.map(String).indexOf(REVIEW.col.rawData);
    const raw = JSON.parse(String(review.rows[1]!.v[rawCol]));
    raw.mobile = '13800138000';
    review.rows[1]!.v[rawCol] = JSON.stringify(raw);
    const again = rt.run('resubmitReview', [2], { user: rt.state.owner });
    expect(again.value).toMatchObject({ outcome: 'accepted' });
    expect(rows(rt, TICKETS.name)[0]).toMatchObject({ [TICKETS.col.needType]: '售后支持' });
    const fresh = submitOne(rt, person({ need_type: '售后支持', mobile: '13900139000' }), 'manual');
    expect(fresh.outcome).not.toBe('accepted');
  });
});

describe('a Form made by an earlier version', () => {
  test('is taken over by its titles: same Form and responses, the two pages added, 满意度 made a rating, nothing doubled', () => {
    const fresh = world();
    const rt = world();
    submitOne(rt, person());
    const form = liveForm(rt);
    const id = form.id;
    // As the earlier setup left it: no item ids kept, no 个人/企业 pages, no navigation, 满意度 a 1–5 scale.
    delete rt.state.properties.script['FORM_LAYOUT'];
    form.items = form.items.filter((i) => i.title !== '个人客户信息' && i.title !== '企业客户信息');
    for (const i of form.items) {
      delete i.navigation;
      delete i.goTo;
    }
    const score = form.items.find((i) => i.title === '满意度评分')!;
    score.type = 'SCALE';
    delete score.rating;
    score.scale = { lower: 1, upper: 5, lowerLabel: '非常不满意', upperLabel: '非常满意' };
    const summary = setup(rt);
    expect(summary).toContain('新增：个人客户信息、企业客户信息、满意度评分');
    expect(liveForm(rt).id).toBe(id);
    expect(liveForm(rt).responses).toHaveLength(1);
    expect(liveForm(rt).items.map((i) => [i.title, i.type])).toEqual(liveForm(fresh).items.map((i) => [i.title, i.type]));
    expect(item(rt, '客户类型')!.navigation).toEqual([item(rt, '个人客户信息')!.id, item(rt, '企业客户信息')!.id]);
    expect(submitOne(rt, person({ mobile: '13900139000', email: 'b@example.com', satisfaction: '4' })).outcome).toBe('accepted');
  });
});

describe('items staff changed by hand', () => {
  test('a renamed 手机号 item still files the mobile; setup does not add a second one', () => {
    const rt = world();
    const mobile = item(rt, '手机号')!;
    mobile.title = '您的手机号码';
    expect(setup(rt)).not.toContain('新增');
    expect(item(rt, '手机号')).toBeUndefined();
    // The respondent answers the questions as they read on the Form.
    const labels: Record<string, string> = {
      customer_kind: '客户类型', name: '姓名/企业名称', industry: '所属行业', mobile: '您的手机号码', email: '电子邮箱',
      need_type: '需求类型', need_description: '具体需求描述', time_requirement: '时间要求', expected_response: '期望响应时间', consent: '个人信息处理同意',
    };
    const answers = Object.entries(person()).map(([k, v]) => {
      const it = item(rt, labels[k]!)!;
      return { itemId: it.id, response: it.type === 'CHECKBOX' ? [...it.choices!] : String(v) };
    });
    const response = rt.services.FormApp.hostSubmit(liveForm(rt).id, answers, { at: rt.state.clock });
    const [filed] = rt.fireFormSubmit(liveForm(rt).id, response.id);
    expect(filed!.value).toMatchObject({ outcome: 'accepted' });
    expect(rows(rt, '客户')[0]).toMatchObject({ 手机号: '13800138000' });
  });

  test('an item deleted by hand is made again in its place when its row of 配置 is next edited', () => {
    const rt = world();
    const form = liveForm(rt);
    const at = form.items.findIndex((i) => i.title === '预算范围');
    form.items.splice(at, 1);
    const row = setConfig(rt, '字段', '预算范围 › 帮助文字', '大致预算即可，例：5-10万');
    expect(noteAt(rt, row)).toBe('ℹ 表单已按配置更新（新增：预算范围）');
    expect(liveForm(rt).items.findIndex((i) => i.title === '预算范围')).toBe(at);
    expect(item(rt, '预算范围')!.helpText).toBe('大致预算即可，例：5-10万');
  });
});
