/**
 * 配置 › 表单工具: which field each question of a 金数据, 问卷星 or 腾讯问卷 form
 * fills, and which option each of the tool's options means (the row language
 * is form-tool-mapping.ts's). Read after 选项: an option row is checked
 * against the option lists 配置 has. A bad row gets its note on the cell
 * like any other 配置 row; the others still apply.
 */
import type { ListGroup } from './config-lists';
import { FORM_TOOL_GROUP, defaultFormToolMapping, parseFormToolRows, type FormToolMapping } from './form-tool-mapping';

/**
 * What the defaults write: no mapping (a question titled like a field fills
 * it without a row), and one note-only row saying how rows are written.
 * A row with neither 键 nor 值 is read as nothing (config.ts).
 */
const EXPLAINED = '每行一道题：键写“工具 › 题目编号或标题”（例：金数据 › field_3、问卷星 › q2、腾讯问卷 › 您的手机号），值写字段名称（例：手机号）；'
  + '选项对应写“工具 › 题目 › 选项”，值写本系统的选项（例：问卷星 › q1 › 1 → 个人）。'
  + '标题与字段同名的题目无需设置；没有对应字段的题目写进备注（题目：回答），不会丢失';

export const FORM_TOOLS_GROUP = {
  group: FORM_TOOL_GROUP,
  default: (): FormToolMapping => defaultFormToolMapping(),
  rows: () => [[FORM_TOOL_GROUP, '', '', EXPLAINED]],
  read(config, sheet, c) {
    const rows = sheet(FORM_TOOL_GROUP);
    if (rows) config.formTools = parseFormToolRows(rows, c, config.options);
  },
} satisfies ListGroup;
