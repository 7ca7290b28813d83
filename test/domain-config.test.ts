import fc from 'fast-check';
import { CONFIG_GROUPS, defaultConfig, defaultConfigRows, parseConfig } from '../src/domain/config';
import { CHOICE_OPTIONS } from '../src/domain/fields';
import { classifyIssue } from '../src/domain/tagging';
import { route } from '../src/domain/routing';

const DEFAULT_ROWS = defaultConfigRows();
/** Sheet row number of the first row appended after the defaults (header on row 1). */
const NEXT_ROW = DEFAULT_ROWS.length + 2;

/** The defaults plus extra rows; returns the parse result. */
function withRows(...extra: unknown[][]) {
  return parseConfig([...DEFAULT_ROWS, ...extra]);
}

/** The defaults with the value of one (group, key) row replaced. */
function withValue(group: string, key: string, value: unknown) {
  const index = DEFAULT_ROWS.findIndex((r) => r[0] === group && r[1] === key);
  if (index < 0) throw new Error(`no default row ${group}/${key}`);
  const rows: unknown[][] = DEFAULT_ROWS.map((r) => [...r]);
  rows[index][2] = value;
  return { ...parseConfig(rows), row: index + 2 };
}

describe('defaults', () => {
  test('every row has group, key, value and a plain note; groups are the known ones', () => {
    for (const r of DEFAULT_ROWS) {
      expect(r).toHaveLength(4);
      expect(CONFIG_GROUPS).toContain(r[0]);
      expect(r[3]).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(new Set(DEFAULT_ROWS.map((r) => r[0]))).toEqual(new Set(CONFIG_GROUPS));
  });

  test('parse with zero errors into the default configuration', () => {
    const { config, errors } = parseConfig(DEFAULT_ROWS);
    expect(errors).toEqual([]);
    expect(config).toEqual(defaultConfig());
  });

  test('hold the defaults of docs/fields.md', () => {
    const c = parseConfig(DEFAULT_ROWS).config;
    expect(c.options).toEqual(CHOICE_OPTIONS);
    expect(c.sla).toEqual({ 高: { amount: 1, unit: 'wd' }, 中: { amount: 3, unit: 'wd' }, 低: { amount: 5, unit: 'wd' } });
    expect(c.priorityByResponse).toEqual({ '24小时内': '高', '3个工作日内': '中', '1周内': '低' });
    expect(c.issueTypes.map((r) => r.type)).toEqual(['功能缺陷', '操作疑问', '服务建议']);
    expect(c.calendar).toEqual({ hours: [{ start: 540, end: 720 }, { start: 780, end: 1080 }], workWeek: [1, 2, 3, 4, 5], useStatutory: true, holidays: [], workdays: [] });
    expect(c.webhookToken).toBe('');
    expect(c.locale).toBe('zh-CN');
    expect(c.mail.customerAck && c.mail.ownerAssign).toBe(true);
    expect(c.consentText).not.toBe('');
    for (const team of c.teams) {
      expect(team.members.every((m) => m.endsWith('@example.com'))).toBe(true);
      expect(team.supervisor).toMatch(/@example\.com$/);
    }
    expect(c.staff.some((s) => s.canReveal)).toBe(true);
    expect(c.staff.some((s) => !s.canReveal)).toBe(true);
    expect(c.reportRecipients).toEqual(['manager@example.com']);
  });

  test('route as the spec says: 售后支持/技术支持 → 技术支持组, 产品咨询/合作洽谈 → 销售组, 功能缺陷 → 产品经理', () => {
    const c = parseConfig(DEFAULT_ROWS).config;
    const teamOf = (need_type: string, issue_type: string) => route({ need_type, issue_type }, c.routes, c.teams, {}).team;
    expect(teamOf('售后支持', '其他')).toBe('技术支持组');
    expect(teamOf('技术支持', '操作疑问')).toBe('技术支持组');
    expect(teamOf('产品咨询', '其他')).toBe('销售组');
    expect(teamOf('合作洽谈', '服务建议')).toBe('销售组');
    expect(teamOf('售后支持', '功能缺陷')).toBe('产品经理');
    expect(classifyIssue(['打开报表时系统崩溃'], c.issueTypes)).toBe('功能缺陷');
  });
});

describe('bad rows', () => {
  test.each([
    ['时限', '高', '24x', '“24x”无法识别', '已使用默认值“1wd”'],
    ['时限', '中', '0wd', '“0wd”无法识别', '已使用默认值“3wd”'],
    ['优先级', '24小时内', '紧急', '应为 高、中 或 低', '已使用默认值“高”'],
    ['工作日', '每周工作日', '周五至周一', '星期列表', '已使用默认值“周一至周五”'],
    ['工作日', '法定节假日', '也许', '应为“是”或“否”', '已使用默认值“是”'],
    ['邮件', '客户确认邮件', 'maybe', '应为“是”或“否”', '已使用默认值“是”'],
    ['邮件', '发件人名称', '  ', '不能为空', '已使用默认值“客户服务中心”'],
    ['邮件', '负责人通知方式', '每天', '应为 即时 或 每小时汇总', '已使用默认值“即时”'],
    ['接口', '令牌', 'short', '至少需要16个字符', '已使用默认值“”'],
    ['通用', '语言', 'fr', '应为 zh-CN 或 en', '已使用默认值“zh-CN”'],
    ['选项', '客户类型', '个人、企业、团体', '不能修改', '已使用默认值“个人、企业”'],
    ['选项', '所属行业', '', '至少需要一项', '已使用默认值“制造业、'],
    ['选项', '来源渠道', '官网、官网', '重复', '已使用默认值“官网、'],
  ])('%s / %s = %s is reported with its row number and the default kept', (group, key, value, detail, fallback) => {
    const { config, errors, row } = withValue(group, key, value);
    expect(errors).toHaveLength(1);
    expect(errors[0].row).toBe(row);
    expect(errors[0].message).toContain(`配置第${row}行`);
    expect(errors[0].message).toContain(detail);
    expect(errors[0].message).toContain(fallback);
    expect(config).toEqual(defaultConfig());
  });

  test.each([
    [['', '键', '值'], '缺少分组'],
    [['杂项', '键', '值'], '未知分组“杂项”'],
    [['时限', '', '24h'], '缺少键'],
    [['时限', '特急', '2h'], '没有“特急”这一项'],
    [['时限', '高', '48h'], '重复设置'],
    [['优先级', '2小时内', '高'], '不是期望响应时间的选项'],
    [['选项', '微信号', 'a、b'], '不是选择题字段'],
    [['问题类型', '竞品对比', '  '], '值为空'],
    [['路由', '需求类型:售前', '销售组'], '需求类型“售前”不在选项中'],
    [['路由', '问题类型:竞品对比', '销售组'], '问题类型“竞品对比”未在'],
    [['路由', '问题类型:操作疑问', '市场部'], '团队“市场部”未在'],
    [['路由', '客户类型:企业', '销售组'], '无法识别'],
    [['主管', '市场部', 'boss@example.com'], '团队“市场部”未在'],
    [['员工', 'not-an-email', '张三'], '不是有效的邮箱地址'],
    [['员工', 'new@example.com', '张三，管理员'], '只能加“可查看敏感信息”'],
    [['工作时间', '晚上', '18:00-17:00'], '应为如 09:00-12:00'],
    [['工作时间', '中午', '11:00-14:00'], '重叠'],
    [['日历', '2026-02-30', '休息'], '不是有效日期'],
    [['日历', '2026-10-10', '调休'], '应为“休息”或“上班”'],
    [['报表', '收件人', 'boss@example'], '不是有效的邮箱地址'],
    [['报表', '抄送', 'boss@example.com'], '没有“抄送”这一项'],
  ])('%j is reported with its row number and ignored', (row, detail) => {
    const { config, errors } = withRows(row);
    expect(errors).toEqual([{ row: NEXT_ROW, message: expect.stringContaining(detail), note: expect.stringContaining(detail) }]);
    expect(errors[0].message).toMatch(new RegExp(`^配置第${NEXT_ROW}行：.*；此行已忽略$`));
    // The note sits on the row itself: it does not name the row again.
    expect(errors[0].message).toBe(`配置第${NEXT_ROW}行：${errors[0].note}`);
    expect(config).toEqual(defaultConfig());
  });

  test('a team with a bad member email is ignored, and routes to it are reported too', () => {
    const { config, errors } = withRows(['团队', '市场部', 'a@example.com、not-an-email'], ['路由', '问题类型:服务建议', '市场部']);
    expect(errors.map((e) => e.row)).toEqual([NEXT_ROW, NEXT_ROW + 1]);
    expect(config.teams.map((t) => t.name)).not.toContain('市场部');
  });

  test('never throws, whatever the cells hold', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom(...CONFIG_GROUPS), fc.integer(), fc.boolean(), fc.constant(null),
      fc.constant(undefined), fc.date(), fc.object(), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(fc.array(fc.oneof(fc.array(cell, { maxLength: 5 }), fc.anything() as fc.Arbitrary<unknown[]>), { maxLength: 30 }), (rows) => {
      const { config, errors } = parseConfig([...DEFAULT_ROWS, ...rows]);
      return config.calendar.hours.length > 0 && errors.every((e) => e.row >= NEXT_ROW && e.message.length > 0);
    }), { numRuns: 300 });
  });
});

describe('editing', () => {
  test('a type like 竞品对比 added by rows appears in issueTypes and can be routed', () => {
    const { config, errors } = withRows(['问题类型', '竞品对比', '竞品、对手，比较'], ['路由', '问题类型:竞品对比', '销售组']);
    expect(errors).toEqual([]);
    expect(config.issueTypes.at(-1)).toEqual({ type: '竞品对比', keywords: ['竞品', '对手', '比较'] });
    const type = classifyIssue(['想和竞品做个比较'], config.issueTypes);
    expect(type).toBe('竞品对比');
    expect(route({ need_type: '产品咨询', issue_type: type }, config.routes, config.teams, {}).team).toBe('销售组');
  });

  test('editable option lists, SLA units, work week and calendar overrides', () => {
    const rows = DEFAULT_ROWS.map((r) => [...r]);
    const set = (group: string, key: string, value: string) => { rows.find((r) => r[0] === group && r[1] === key)![2] = value; };
    set('选项', '所属行业', '制造业\n农业、 零售 ');
    set('时限', '高', '8wh');
    set('时限', '低', '10个工作日');
    set('工作日', '每周工作日', '1-5、周六');
    set('工作日', '法定节假日', '否');
    const { config, errors } = parseConfig([...rows, ['日历', '2026/10/10', '上班'], ['日历', '2026年12月31日', '休息']]);
    expect(errors).toEqual([]);
    expect(config.options.industry).toEqual(['制造业', '农业', '零售']);
    expect(config.sla.高).toEqual({ amount: 8, unit: 'wh' });
    expect(config.sla.低).toEqual({ amount: 10, unit: 'wd' });
    expect(config.calendar).toMatchObject({ workWeek: [1, 2, 3, 4, 5, 6], useStatutory: false, workdays: ['2026-10-10'], holidays: ['2026-12-31'] });
  });

  test('cells as Sheets returns them: a date cell, numbers and checkboxes', () => {
    // 2026-10-10 00:00 in Asia/Shanghai.
    const shanghaiMidnight = new Date(Date.UTC(2026, 9, 9, 16));
    const { config, errors } = withRows(['日历', shanghaiMidnight, '休息'], ['战略客户', '名单', 20240501]);
    expect(errors).toEqual([]);
    expect(config.calendar.holidays).toEqual(['2026-10-10']);
    expect(config.strategicCustomers).toEqual(['20240501']);
    const checkbox = withValue('邮件', '客户确认邮件', false);
    expect(checkbox.errors).toEqual([]);
    expect(checkbox.config.mail.customerAck).toBe(false);
  });

  test('list groups: rows add up; a group in the sheet replaces its defaults, an absent one keeps them', () => {
    const { config } = withRows(['战略客户', '名单', '华为、C20240501001'], ['战略客户', '名单', '腾讯'], ['报表', '收件人', 'ceo@example.com']);
    expect(config.strategicCustomers).toEqual(['华为', 'C20240501001', '腾讯']);
    expect(config.reportRecipients).toEqual(['manager@example.com', 'ceo@example.com']);

    const own = parseConfig([['团队', '销售组', 'li@corp.cn'], ['员工', 'li@corp.cn', '李雷，可查看敏感信息']]);
    expect(own.errors).toEqual([]);
    expect(own.config.teams).toEqual([{ name: '销售组', members: ['li@corp.cn'], supervisor: 'sales-lead@example.com' }]);
    expect(own.config.staff).toEqual([{ email: 'li@corp.cn', name: '李雷', canReveal: true }]);
    expect(own.config.routes).toEqual(defaultConfig().routes);
  });

  test('missing settings take defaults; blank rows are skipped; firstRow sets the reported row numbers', () => {
    expect(parseConfig([])).toEqual({ config: defaultConfig(), errors: [] });
    const r = parseConfig([[], ['', '', '', '说明'], ['时限', '高', 'x']], 5);
    expect(r.errors.map((e) => e.row)).toEqual([7]);
  });
});

describe('the language of row errors', () => {
  const withLocale = (locale: string, ...extra: unknown[][]) =>
    parseConfig([...DEFAULT_ROWS.map((r) => (r[0] === '通用' && r[1] === '语言' ? [r[0], r[1], locale, r[3]] : r)), ...extra], 2);

  test('rendered after parsing, in the 语言 the same sheet names, wherever that row stands', () => {
    const bad = ['无此分组', '键', '值'];
    const en = withLocale('en', bad);
    expect(en.config.locale).toBe('en');
    expect(en.errors).toEqual([{ row: NEXT_ROW, message: expect.stringMatching(/^Config row \d+: unknown group "无此分组"/), note: expect.stringMatching(/^unknown group "无此分组"/) }]);
    const zh = withLocale('zh-CN', bad);
    expect(zh.errors[0]!.message).toMatch(/^配置第\d+行：未知分组“无此分组”/);
  });

  test('a bad 语言 is itself reported in zh-CN, the default it falls back to', () => {
    const { config, errors } = withLocale('fr');
    expect(config.locale).toBe('zh-CN');
    expect(errors.map((e) => e.message).join('\n')).toContain('“fr”应为 zh-CN 或 en');
  });
});

describe('定期更新', () => {
  test('需求类型 always offers 资料更新: a list without it keeps the rest, gets it back at the end, and says so', () => {
    const { config, errors, row } = withValue('选项', '需求类型', '产品咨询、合作洽谈、售后支持、技术支持、服务合作、其他');
    expect(config.options.need_type).toEqual(['产品咨询', '合作洽谈', '售后支持', '技术支持', '服务合作', '其他', '资料更新']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row, note: '“需求类型”须包含“资料更新”（定期更新邮件里的核实链接使用它），已自动加在最后' });
  });

  test('核实间隔天数 and 每日最多发送 are counts within their ranges; a bad one keeps the default', () => {
    expect(withValue('定期更新', '核实间隔天数', '90').config.refresh).toEqual({ intervalDays: 90, dailyCap: 20 });
    expect(withValue('定期更新', '核实间隔天数', '0').config.refresh.intervalDays).toBe(0);
    const bad = withValue('定期更新', '每日最多发送', '0');
    expect(bad.config.refresh.dailyCap).toBe(20);
    expect(bad.errors[0]!.row).toBe(bad.row);
  });
});
