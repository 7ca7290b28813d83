/** SMS to customers: 历史's notes, the admin's alerts (zh-CN and en). */
export const zh = {
  'sms.provider.aliyun': '阿里云短信',
  'sms.provider.tencent': '腾讯云短信',
  'sms.invalidBody': '通知队列中这条短信的内容无法读取（可能被手工改过），未发送',
  'sms.history.queued': '发往 {to}',
  'sms.history.sent': '已发往 {to}（服务商回复：{result}）',
  'sms.history.undeliverable': '服务商拒绝发往这个号码：{result}。不再重试；如号码有误，请更正客户资料',
  'sms.history.capReached': '今天已达到 配置 › 短信 › 每日上限（{cap} 条），这条短信没有发送，也不会补发',
  'sms.alert.cap.subject': '今天的短信已达到每日上限（{cap} 条）',
  'sms.alert.cap.body': '{day} 发出的短信已达到 配置 › 短信 › 每日上限（{cap} 条）。今天之后需要发的短信不再发送、也不会补发，每一条都记在相应工单的 历史 中（动作“短信未发送”）；邮件照常发送。\n\n如果今天的量属于正常，请在 配置 › 短信 中调高 每日上限；如果是有人在大量提交表单，请查看 待审核 和 工单。\n\n这封邮件当天只发一次。',
  'sms.alert.refused.subject': '{provider}拒绝了短信请求',
  'sms.alert.refused.body': '{provider}拒绝了发出的短信请求：{code} {message}\n\n常见原因：AccessKey / SecretId 已停用或填错、签名或模板未审核通过或与 配置 › 短信 中填写的不一致、账户余额不足、应用ID 或地域不对。\n\n在修好之前，不会再向它发送短信；{waiting} 条短信保留在 通知队列 中。修好后由所有者打开 客户管理 › 短信设置：重新填写密钥并保存，或点“恢复发送”，等待的短信会立即发出；不再需要的，点“清除待发短信”。\n\n这封邮件只发一次。',
  'sms.alert.unset.subject': '短信无法发送：{provider}尚未设置好',
  'sms.alert.unset.body': '有 {waiting} 条短信要通过{provider}发送，但还不能发：所有者还没有在 客户管理 › 短信设置 中填写密钥，或填写的是另一家服务商的密钥，或 配置 › 短信 中缺少签名（腾讯云还需要应用ID），或服务商已改为别家。\n\n短信保留在 通知队列 中。设置好后，等待的短信会立即发出；不再需要的，在同一对话框中点“清除待发短信”。\n\n这封邮件只发一次。',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'sms.provider.aliyun': 'Alibaba Cloud SMS',
  'sms.provider.tencent': 'Tencent Cloud SMS',
  'sms.invalidBody': 'This SMS in 通知队列 cannot be read (it may have been edited by hand); not sent',
  'sms.history.queued': 'to {to}',
  'sms.history.sent': 'sent to {to} (provider answered: {result})',
  'sms.history.undeliverable': 'The provider refused this number: {result}. Not retried; if the number is wrong, correct the customer\'s details',
  'sms.history.capReached': 'Today reached 配置 › 短信 › 每日上限 (daily cap, {cap}): this SMS was not sent and will not be sent later',
  'sms.alert.cap.subject': 'Today\'s SMS reached the daily cap ({cap})',
  'sms.alert.cap.body': 'The SMS sent on {day} reached 配置 › 短信 › 每日上限 (daily cap, {cap}). SMS due later today are not sent, nor sent later; each is in its ticket\'s 历史 (action 短信未发送). Mail goes out as usual.\n\nIf today\'s volume is normal, raise the cap in 配置 › 短信; if someone is submitting the Form in bulk, look at 待审核 and 工单.\n\nThis mail is sent once a day.',
  'sms.alert.refused.subject': '{provider} refused an SMS request',
  'sms.alert.refused.body': '{provider} refused the SMS request sent to it: {code} {message}\n\nUsual causes: the AccessKey / SecretId was disabled or mistyped; the signature or template is not approved or differs from 配置 › 短信; the balance ran out; the app ID or region is wrong.\n\nUntil it is fixed no more SMS go to it; {waiting} SMS stay in 通知队列. Once fixed, the owner opens 客户管理 › 短信设置 (SMS settings): enter the keys again and save, or press Resume, and what waits goes at once; what is no longer wanted, clear with Clear waiting SMS.\n\nThis mail is sent once.',
  'sms.alert.unset.subject': 'SMS cannot be sent: {provider} is not set up',
  'sms.alert.unset.body': '{waiting} SMS are to go through {provider} but cannot yet: the owner has not entered the keys in 客户管理 › 短信设置 (SMS settings), or entered another provider\'s, or 配置 › 短信 lacks the signature (Tencent Cloud also the app ID), or the provider was changed.\n\nThe SMS stay in 通知队列. Once set up, what waits goes at once; what is no longer wanted, clear in the same dialog.\n\nThis mail is sent once.',
};
