/**
 * SendSms replies read as the pipeline needs them: sent, try later, not this
 * number, or the admin's to fix — with the provider's own message kept. The
 * reply shapes are those of the providers' SendSms pages (腾讯云's Response /
 * SendStatusSet, 阿里云's Code / Message / BizId).
 */
import { classifyAliyunReply, classifyTencentReply } from '../src/domain/sms-replies';

const tencentError = (code: string, message = 'msg') => JSON.stringify({ Response: { Error: { Code: code, Message: message }, RequestId: 'r1' } });

describe('腾讯云', () => {
  test('each number of a sent request has its own status; "Ok" is sent', () => {
    const body = JSON.stringify({
      Response: {
        SendStatusSet: [
          { SerialNo: '5000:1', PhoneNumber: '+8613800138000', Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' },
          { SerialNo: '', PhoneNumber: '+8613900139000', Fee: 0, SessionContext: '', Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: '单个手机号日下发短信条数超过设定的上限', IsoCode: 'CN' },
          { SerialNo: '', PhoneNumber: '+8613700137000', Fee: 0, SessionContext: '', Code: 'FailedOperation.InsufficientBalanceInSmsPackage', Message: '套餐包余量不足', IsoCode: 'CN' },
        ],
        RequestId: 'a0aabda6',
      },
    });
    expect(classifyTencentReply(200, body)).toEqual([
      { kind: 'ok', code: 'Ok', message: 'send success', phone: '+8613800138000' },
      { kind: 'refused', code: 'LimitExceeded.PhoneNumberDailyLimit', message: '单个手机号日下发短信条数超过设定的上限', phone: '+8613900139000' },
      { kind: 'configError', code: 'FailedOperation.InsufficientBalanceInSmsPackage', message: '套餐包余量不足', phone: '+8613700137000' },
    ]);
  });

  test.each([
    ['AuthFailure.SignatureFailure', 'configError'],
    ['AuthFailure.SecretIdNotFound', 'configError'],
    ['AuthFailure.SignatureExpire', 'configError'],
    ['UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'configError'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'configError'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'configError'],
    ['InvalidParameterValue.TemplateParameterLengthLimit', 'configError'],
    ['LimitExceeded.AppDailyLimit', 'configError'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'refused'],
    ['FailedOperation.PhoneNumberInBlacklist', 'refused'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'refused'],
    ['InternalError.Timeout', 'retry'],
    ['InternalError.SendAndRecvFail', 'retry'],
    ['RequestLimitExceeded', 'retry'],
    ['InternalError.SigVerificationFail', 'configError'],
    ['Something.NobodyDocumented', 'configError'],
  ])('a request failing with %s is %s', (code, kind) => {
    expect(classifyTencentReply(200, tencentError(code, 'why'))).toEqual([{ kind, code, message: 'why' }]);
  });

  test('a reply that is no API reply: transient after a server error, the admin\'s after a client error', () => {
    expect(classifyTencentReply(502, '<html>Bad Gateway</html>')).toEqual([{ kind: 'retry', code: 'http 502', message: '<html>Bad Gateway</html>' }]);
    expect(classifyTencentReply(200, '')).toEqual([{ kind: 'retry', code: 'http 200', message: '' }]);
    expect(classifyTencentReply(403, 'Forbidden')[0]!.kind).toBe('configError');
  });
});

describe('阿里云', () => {
  test('"OK" is sent', () => {
    expect(classifyAliyunReply(200, JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '9006197469364984^0', RequestId: 'F655A8D5' }))).toEqual({ kind: 'ok', code: 'OK', message: 'OK' });
  });

  test.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', 'refused'],
    ['isv.BUSINESS_LIMIT_CONTROL', 'refused'],
    ['isv.AMOUNT_NOT_ENOUGH', 'configError'],
    ['isv.OUT_OF_SERVICE', 'configError'],
    ['isv.SMS_TEMPLATE_ILLEGAL', 'configError'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'configError'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', 'configError'],
    ['isv.PARAM_LENGTH_LIMIT', 'configError'],
    ['isv.DAY_LIMIT_CONTROL', 'configError'],
    ['isp.RAM_PERMISSION_DENY', 'configError'],
    ['SignatureDoesNotMatch', 'configError'],
    ['InvalidAccessKeyId.NotFound', 'configError'],
    ['isp.SYSTEM_ERROR', 'retry'],
    ['Throttling.User', 'retry'],
    ['ServiceUnavailable', 'retry'],
  ])('%s is %s', (code, kind) => {
    expect(classifyAliyunReply(code === 'SignatureDoesNotMatch' ? 400 : 200, JSON.stringify({ Code: code, Message: '原因', RequestId: 'x' }))).toEqual({ kind, code, message: '原因' });
  });

  test('an unknown code is reported, not retried; a gateway page is retried', () => {
    expect(classifyAliyunReply(200, JSON.stringify({ Code: 'isv.SOMETHING_NEW', Message: 'm' })).kind).toBe('configError');
    expect(classifyAliyunReply(503, 'Service Unavailable').kind).toBe('retry');
    expect(classifyAliyunReply(404, 'not found').kind).toBe('configError');
  });
});
