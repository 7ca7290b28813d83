/**
 * Messages of the entries 金数据, 问卷星 and 腾讯问卷 push (zh-CN and en): the
 * 表单工具 mapping rows' problems, and why a push was not filed.
 */
export const zh = {
  'formTools.badKey': '“{key}”的写法不对：请写成“工具 › 题目”（例：金数据 › field_3），或选项对应写成“工具 › 题目 › 选项”（例：问卷星 › q1 › 1）',
  'formTools.unknownTool': '“{tool}”不是支持的表单工具：请写 {tools} 之一',
  'formTools.unknownField': '“{key}”的值“{value}”不是客户信息字段：请写字段名称，例：手机号、客户类型、具体需求描述',
  'formTools.fieldNotMappable': '“{label}”由系统填写，不能对应表单题目（“{key}”）',
  'formTools.fieldTwice': '“{label}”已对应“{first}”，不能再对应“{key}”：一个字段只能对应一道题目，其余题目的回答会写进备注',
  'formTools.questionTwice': '“{key}”重复设置，以前面一行为准',
  'formTools.optionWithoutField': '“{key}”是选项对应，但还不知道“{question}”对应哪个字段：请先加一行“{tool} › {question}”，值写字段名称',
  'formTools.optionNotChoice': '“{label}”不是选择题，不能设置选项对应（“{key}”）',
  'formTools.optionNotInList': '“{key}”的值“{value}”不是“{label}”的选项：可选 {options}',
  'formTools.refused.not_json': '推送的内容不是 JSON',
  'formTools.refused.unknown_tool': '认不出推送来自哪个表单工具（支持 {tools}）',
  'formTools.refused.bad_shape': '{tool}推送的内容缺少表单或答卷信息，与{tool}公布的格式不符',
  'formTools.refused.no_entry_id': '{tool}推送的内容没有数据编号，无法保证只登记一次',
  'formTools.refused.id_too_long': '{tool}推送的表单编号或数据编号太长',
  'formTools.refused.not_new_entry': '{tool}推送的是修改或删除答卷，不是新提交；已登记的工单不会因此改变',
  'formTools.refused.too_large': '{tool}推送的内容太大，不像一份表单回答',
  'formTools.refused.no_required_field': '{tool}推送的回答没有对应到任何必填字段（收到的题目：{questions}）：请在配置“表单工具”中为题目设置对应的字段',
  'formTools.refused.bad_signature': '{tool}推送的签名不对：请核对 客户管理 › 表单工具推送 中的推送密钥',
  'formTools.refused.missing_signature': '{tool}推送的内容没有签名，但 客户管理 › 表单工具推送 中设置了推送密钥',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'formTools.badKey': '"{key}" is not written right: write "tool › question" (e.g. 金数据 › field_3), or for an option "tool › question › option" (e.g. 问卷星 › q1 › 1)',
  'formTools.unknownTool': '"{tool}" is not a supported form tool: write one of {tools}',
  'formTools.unknownField': 'the value "{value}" of "{key}" is not a customer field: write the field\'s name, e.g. 手机号, 客户类型, 具体需求描述',
  'formTools.fieldNotMappable': '"{label}" is filled in by the system and cannot take a form question ("{key}")',
  'formTools.fieldTwice': '"{label}" already takes "{first}" and cannot also take "{key}": a field takes one question; the other questions\' answers go to the notes',
  'formTools.questionTwice': '"{key}" is set twice; the earlier row wins',
  'formTools.optionWithoutField': '"{key}" maps an option, but which field "{question}" fills is not known: first add a row "{tool} › {question}" whose value is the field\'s name',
  'formTools.optionNotChoice': '"{label}" is not a choice, so its options cannot be mapped ("{key}")',
  'formTools.optionNotInList': 'the value "{value}" of "{key}" is not an option of "{label}": the options are {options}',
  'formTools.refused.not_json': 'the pushed content is not JSON',
  'formTools.refused.unknown_tool': 'which form tool pushed this cannot be told (supported: {tools})',
  'formTools.refused.bad_shape': 'the content {tool} pushed has no form or answer, unlike the format {tool} publishes',
  'formTools.refused.no_entry_id': 'the content {tool} pushed has no entry number, so it could not be filed only once',
  'formTools.refused.id_too_long': 'the form or entry number {tool} pushed is too long',
  'formTools.refused.not_new_entry': '{tool} pushed an edit or a deletion of an answer, not a new one; tickets already filed do not change',
  'formTools.refused.too_large': 'the content {tool} pushed is too large for a form answer',
  'formTools.refused.no_required_field': 'the answers {tool} pushed fill no required field (questions received: {questions}): set the fields of the questions in Config, 表单工具',
  'formTools.refused.bad_signature': 'the signature {tool} pushed is wrong: check the push key in 客户管理 › Form tool pushes',
  'formTools.refused.missing_signature': 'the content {tool} pushed is not signed, but 客户管理 › Form tool pushes sets a push key',
};
