/** Who gets an SMS, with what: the rules a customer (and the bill) would notice. */
import fc from 'fast-check';
import { defaultConfig } from '../src/domain/config';
import { decideSms, smsKey, type SmsCase } from '../src/domain/sms-policy';

const on = { ...defaultConfig().sms, provider: 'aliyun' as const, signName: '示例科技', templates: { ack: 'SMS_1234567', progress: 'SMS_2345678', survey: '' } };
const base: SmsCase = { event: 'ack', ticketNo: 'T20261123001', mobile: '138 0013 8000', hasEmail: false, sentToday: 0, sentKeys: new Set() };

describe('decideSms', () => {
  test('off by default: 配置 › 短信 › 服务商 is 无', () => {
    expect(defaultConfig().sms.provider).toBe('none');
    expect(decideSms(defaultConfig().sms, base)).toEqual({ send: false, reason: 'off' });
  });

  test('a customer with a mobile and no email gets the acknowledgement by SMS: the ticket number only', () => {
    expect(decideSms(on, base)).toEqual({ send: true, phone: '13800138000', template: 'SMS_1234567', params: ['T20261123001'], key: 'T20261123001:受理' });
    expect(decideSms(on, { ...base, event: 'progress', status: '已联系客户' })).toMatchObject({ send: true, params: ['T20261123001', '已联系客户'] });
  });

  test('with an email, only when 发送对象 says 邮件之外也发', () => {
    expect(decideSms(on, { ...base, hasEmail: true })).toEqual({ send: false, reason: 'hasEmail' });
    expect(decideSms({ ...on, mode: 'always' }, { ...base, hasEmail: true })).toMatchObject({ send: true });
  });

  test('no template, no mobile, a mobile that is not a mainland number: nothing sent, each with its reason', () => {
    expect(decideSms(on, { ...base, event: 'survey' })).toEqual({ send: false, reason: 'noTemplate' });
    expect(decideSms(on, { ...base, mobile: '' })).toEqual({ send: false, reason: 'noMobile' });
    expect(decideSms(on, { ...base, mobile: '12345' })).toEqual({ send: false, reason: 'badMobile' });
  });

  test('once per event, never past the day\'s cap', () => {
    expect(decideSms(on, { ...base, sentKeys: new Set([smsKey(base)]) })).toEqual({ send: false, reason: 'alreadySent' });
    // Another status of the same ticket is another event.
    const progress = { ...base, event: 'progress' as const, status: '方案已提交', sentKeys: new Set([smsKey({ ...base, event: 'progress', status: '已联系客户' })]) };
    expect(decideSms(on, progress)).toMatchObject({ send: true });
    expect(decideSms(on, { ...base, sentToday: on.dailyCap })).toEqual({ send: false, reason: 'capReached' });
  });

  test('whatever the case, an SMS goes only to a valid mainland mobile, under the cap, with no text but the ticket number and a status', () => {
    fc.assert(fc.property(
      fc.record({
        event: fc.constantFrom('ack', 'progress', 'survey'),
        mobile: fc.oneof(fc.constant('13800138000'), fc.constant('+86 139-0013-9000'), fc.string()),
        hasEmail: fc.boolean(),
        sentToday: fc.integer({ min: 0, max: 200 }),
        mode: fc.constantFrom('noEmail', 'always'),
      }),
      ({ event, mobile, hasEmail, sentToday, mode }) => {
        const c: SmsCase = { ...base, event, status: '问题已解决', mobile, hasEmail, sentToday };
        const d = decideSms({ ...on, mode, templates: { ack: 'SMS_1', progress: '123456', survey: 'SMS_3' } }, c);
        if (!d.send) return;
        expect(d.phone).toMatch(/^1[3-9]\d{9}$/);
        expect(sentToday).toBeLessThan(on.dailyCap);
        expect(d.params.every((p) => p === 'T20261123001' || p === '问题已解决')).toBe(true);
        if (mode === 'noEmail') expect(hasEmail).toBe(false);
      },
    ));
  });
});
