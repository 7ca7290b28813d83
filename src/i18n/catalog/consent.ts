/** Messages of the consent record, the privacy notice and the review of unconsented rows (zh-CN and en). */
export const zh = {
  'config.badPrivacyUrl': '“{value}”不是有效的网址：隐私政策链接应以 https:// 开头，不含空格和引号；留空则不显示',
  'review.consentWayRequired': '待审核第{row}行的客户没有同意个人信息处理：重新提交前请选择如何取得了客户的同意（电话口头同意、书面同意或邮件同意）并写明说明',
  'review.consentWayUnknown': '“{way}”不是可选的同意方式：可选 {ways}',
  'history.consentRecordedNote': '{way}：{note}',
  'ui.consent.privacy': '隐私政策',
  'ui.consent.stored': '信息保存在 Google 的服务器上（可能位于中国大陆境外）。',
  'ui.review.consentMissing': '客户提交时没有同意个人信息处理。重新提交前，请选择取得同意的方式并写明说明（记入客户表的同意记录和历史）。',
  'ui.review.consentWay': '取得同意的方式（必选）',
  'ui.review.consentNote': '说明（必填，如：2026-11-24 电话确认，客户同意）',
  'ui.review.consentFirst': '请先选择取得同意的方式并写明说明。',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'config.badPrivacyUrl': '"{value}" is not a valid address: the privacy notice link must start with https:// and hold no spaces or quotes; leave it blank to show none',
  'review.consentWayRequired': 'The customer of review row {row} did not consent to personal data processing: before resubmitting, choose how their consent was obtained (电话口头同意, 书面同意 or 邮件同意) and describe it',
  'review.consentWayUnknown': '"{way}" is not a way of consent: choose one of {ways}',
  'history.consentRecordedNote': '{way}: {note}',
  'ui.consent.privacy': 'Privacy notice',
  'ui.consent.stored': 'The data is stored on Google\'s servers (possibly outside mainland China).',
  'ui.review.consentMissing': 'The customer did not consent to personal data processing. Before resubmitting, choose how consent was obtained and describe it (kept in the customer\'s consent record and in 历史).',
  'ui.review.consentWay': 'How consent was obtained (required)',
  'ui.review.consentNote': 'Details (required, e.g. confirmed by phone on 2026-11-24)',
  'ui.review.consentFirst': 'Choose how consent was obtained and describe it first.',
};
