/**
 * What an SendSms reply means: sent (`ok`), try again later (`retry`), not to
 * this number (`refused`: a bad number, one on a blocklist or over its own
 * frequency limit — retrying does not help), or something only the admin can
 * fix (`configError`: keys, signature, template, balance, account limits).
 *
 * 腾讯云 (API 3.0): `Response.Error.Code` when the whole request failed; else `Response.SendStatusSet[]`,
 * one per number, `Code` "Ok" when sent. Codes: 公共错误码 https://cloud.tencent.com/document/api/382/52075,
 * 发送错误码 https://cloud.tencent.com/document/api/382/59177, and the SDK's list of SendSms codes
 * (TencentCloud/tencentcloud-sdk-go, tencentcloud/sms/v20210111/errors.go).
 * 阿里云: `Code` "OK" when sent, else the code (API 错误码, https://help.aliyun.com/document_detail/101346.html;
 * the older codes isv.MOBILE_NUMBER_ILLEGAL, isv.AMOUNT_NOT_ENOUGH, isv.PARAM_LENGTH_LIMIT … as listed by
 * https://github.com/dcto/aliyun-sms-sdk; isv.BUSINESS_LIMIT_CONTROL "达到云通信短信发送频率上限",
 * https://developer.aliyun.com/ask/652244 — a per-number limit: "同一手机号…每分钟1条…每小时…每天").
 * OpenAPI gateway refusals (SignatureDoesNotMatch, InvalidAccessKeyId.*) are configuration; its
 * Throttling.* and ServiceUnavailable are transient. These gateway names were not read offline in
 * Aliyun's own pages: they are Aliyun OpenAPI's common codes as its SDKs report them.
 *
 * A code none of these names is `configError`: an SMS costs money, so an
 * unknown refusal is reported rather than retried blindly.
 */
export type SmsReplyKind = 'ok' | 'retry' | 'refused' | 'configError';

export interface SmsOutcome {
  kind: SmsReplyKind;
  code: string;
  message: string;
  /** The number this outcome is for, when the reply says (腾讯云's SendStatusSet). */
  phone?: string;
}

const TENCENT: Readonly<Record<string, SmsReplyKind>> = {
  Ok: 'ok',
  // Not this number.
  'LimitExceeded.PhoneNumberDailyLimit': 'refused',
  'LimitExceeded.PhoneNumberOneHourLimit': 'refused',
  'LimitExceeded.PhoneNumberThirtySecondLimit': 'refused',
  'LimitExceeded.PhoneNumberSameContentDailyLimit': 'refused',
  'LimitExceeded.DeliveryFrequencyLimit': 'refused',
  'FailedOperation.PhoneNumberInBlacklist': 'refused',
  'InvalidParameterValue.IncorrectPhoneNumber': 'refused',
  'UnsupportedOperation.UnsuportedRegion': 'refused',
  // Transient.
  InternalError: 'retry',
  'InternalError.Timeout': 'retry',
  'InternalError.SendAndRecvFail': 'retry',
  'InternalError.OtherError': 'retry',
  'InternalError.UnknownError': 'retry',
  RequestLimitExceeded: 'retry',
  'RequestLimitExceeded.GlobalRegionUinLimitExceeded': 'retry',
  'RequestLimitExceeded.IPLimitExceeded': 'retry',
};

function tencentKind(code: string): SmsReplyKind {
  if (Object.prototype.hasOwnProperty.call(TENCENT, code)) return TENCENT[code]!;
  if (code.startsWith('RequestLimitExceeded')) return 'retry';
  // AuthFailure.*, UnauthorizedOperation.*, FailedOperation.* (balance, signature, template), InvalidParameter*,
  // MissingParameter.*, account-wide LimitExceeded.* and the InternalError.* of a malformed request.
  return 'configError';
}

const ALIYUN: Readonly<Record<string, SmsReplyKind>> = {
  OK: 'ok',
  'isv.MOBILE_NUMBER_ILLEGAL': 'refused',
  'isv.BUSINESS_LIMIT_CONTROL': 'refused',
  'isp.SYSTEM_ERROR': 'retry',
  'isv.SYSTEM_ERROR': 'retry',
  ServiceUnavailable: 'retry',
  InternalError: 'retry',
  Throttling: 'retry',
  'Throttling.User': 'retry',
  'Throttling.Api': 'retry',
};

function parse(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function unreadable(status: number, body: string): SmsOutcome {
  // A gateway page or an empty reply: transient when the server or the network failed.
  const kind: SmsReplyKind = status >= 500 || status === 429 || status === 0 || (status >= 200 && status < 300) ? 'retry' : 'configError';
  return { kind, code: `http ${status}`, message: body.slice(0, 200) };
}

/** 腾讯云's reply: one outcome per number, or one for the request when it failed as a whole. */
export function classifyTencentReply(status: number, body: string): SmsOutcome[] {
  const response = parse(body)?.Response;
  if (!response || typeof response !== 'object') return [unreadable(status, body)];
  const r = response as Record<string, unknown>;
  const error = r.Error as Record<string, unknown> | undefined;
  if (error && typeof error === 'object') {
    const code = str(error.Code);
    return [{ kind: tencentKind(code), code, message: str(error.Message) }];
  }
  const set = Array.isArray(r.SendStatusSet) ? (r.SendStatusSet as unknown[]) : [];
  if (set.length === 0) return [unreadable(status, body)];
  return set.map((s) => {
    const e = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    const code = str(e.Code);
    const phone = str(e.PhoneNumber);
    return { kind: tencentKind(code), code, message: str(e.Message), ...(phone ? { phone } : {}) };
  });
}

/** 阿里云's reply: one outcome for every number of the request. */
export function classifyAliyunReply(status: number, body: string): SmsOutcome {
  const r = parse(body);
  const code = r ? str(r.Code) : '';
  if (!r || code === '') return unreadable(status, body);
  const kind = (Object.prototype.hasOwnProperty.call(ALIYUN, code) ? ALIYUN[code] : undefined) ?? (code.startsWith('Throttling') ? 'retry' : status >= 500 ? 'retry' : 'configError');
  return { kind, code, message: str(r.Message) };
}
