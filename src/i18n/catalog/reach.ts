/** Text the robot and SMS builders add to what they are given (zh-CN and en). */
export const zh = {
  'reach.truncated': '…（已截断）',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'reach.truncated': '… (truncated)',
};
