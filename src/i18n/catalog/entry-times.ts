/**
 * Messages of 填写日期 and 经办人 as staff give them for paper and phone forms
 * and imports (zh-CN and en), and of the report's 线下录入时效.
 */
export const zh = {
  'validate.filledAtFormat': '{label}“{value}”不是有效的日期：请写成 2026-11-20 或 2026-11-20 14:30（也可写 2026/11/20、2026年11月20日）；不知道时留空，按录入时间记',
  'validate.filledAtFuture': '{label}“{value}”晚于现在：请核对纸质表单或来电记录上的日期和时间',
  'validate.filledAtTooOld': '{label}“{value}”早于 {days} 天前，多半是年份或月份写错了：请核对。确实是更早的表单时，把原日期写进备注，{label}留空（按录入时间记）',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'validate.filledAtFormat': '{label} "{value}" is not a valid date: write it as 2026-11-20 or 2026-11-20 14:30 (2026/11/20 and 2026年11月20日 work too); leave it blank when unknown, and the entry time counts',
  'validate.filledAtFuture': '{label} "{value}" is in the future: check the date and time on the paper form or in the call record',
  'validate.filledAtTooOld': '{label} "{value}" is more than {days} days ago, most likely a wrong year or month: check it. If the form really is that old, put its date in the notes and leave {label} blank (the entry time counts)',
};
