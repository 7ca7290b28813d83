/**
 * 配置 and the form tools: the defaults carry one explaining 表单工具 row that
 * maps nothing, rows map as form-tool-mapping reads them, and a 选项 ›
 * 收集渠道 row an earlier version wrote (before the form tools were channels)
 * is taken without a note, while an edited one is still reported.
 */
import { defaultConfigRows, parseConfig } from '../src/domain/config';

const withRows = (...extra: string[][]) => parseConfig([...defaultConfigRows(), ...extra]);

test('the defaults explain 表单工具 in a row that maps nothing and reads without a problem', () => {
  const rows = defaultConfigRows().filter((r) => r[0] === '表单工具');
  expect(rows).toEqual([['表单工具', '', '', expect.stringContaining('金数据 › field_3')]]);
  const { config, errors } = parseConfig(defaultConfigRows());
  expect(errors).toEqual([]);
  expect([...config.formTools.wjx.keys()]).toEqual([]);
});

test('a 表单工具 row maps its question; a bad one is reported on its row and the others still apply', () => {
  const { config, errors } = withRows(['表单工具', '问卷星 › q2', '姓名/企业名称'], ['表单工具', '问卷星 › q3', '没有这个字段']);
  expect(config.formTools.wjx.get('q2')?.field).toBe('name');
  const row = defaultConfigRows().length + 3;
  expect(errors.map((e) => [e.row, e.note])).toEqual([[row, expect.stringContaining('“没有这个字段”不是客户信息字段')]]);
});

test('收集渠道 as an earlier version listed it is fine; a list that is not the start of today\'s is reported', () => {
  const options = (value: string) => defaultConfigRows().map((r) => (r[0] === '选项' && r[1] === '收集渠道' ? [r[0], r[1], value, r[3]!] : r));
  expect(parseConfig(options('在线表单、线下录入、导入、接口')).errors).toEqual([]);
  const changed = parseConfig(options('在线表单、线下录入、接口'));
  expect(changed.errors.map((e) => e.note)).toEqual([expect.stringContaining('收集渠道')]);
  expect(changed.config.options.channel).toEqual(['在线表单', '线下录入', '导入', '接口', '金数据', '问卷星', '腾讯问卷']);
});
