/**
 * Messages of the sealed inputs (zh-CN and en): what stands in a 导入 cell
 * whose sensitive value was filed, and problems that name a sensitive field
 * without quoting what was typed in it.
 */
export const zh = {
  'sealed.marker': '已加密保存',
  'validate.conflictSealed': '{label}填写了两次且内容不同（“{first}”与“{second}”两列）：内容已加密，不在此显示，请核对原始资料后只保留正确的一项',
  'import.sealedRow': '未导入：此行有单元格显示“{marker}”，其中的敏感信息已在上次导入后加密保存，表中已没有原内容。如需再次导入，请把原始数据粘贴为新的一行',
  'import.sealedRows': '{count} 行含“{marker}”的单元格，未再次导入（原因见处理结果）',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'sealed.marker': 'Stored encrypted',
  'validate.conflictSealed': '{label} was given twice with different values (columns "{first}" and "{second}"): the values are encrypted and not shown here; check the original record and keep only the right one',
  'import.sealedRow': 'Not imported: a cell of this row reads "{marker}": its sensitive value was stored encrypted by an earlier import and is no longer in the sheet. To import it again, paste the original data as a new row',
  'import.sealedRows': '{count} rows with a "{marker}" cell were not imported again (see their result)',
};
