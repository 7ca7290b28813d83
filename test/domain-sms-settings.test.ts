/**
 * The SMS key pair the owner types into 短信设置: each provider's shape
 * (trimmed), blank kept only over a pair stored for the same provider, the
 * other provider's pair refused as such, never shown back whole; and what
 * 配置 › 短信 still lacks.
 */
import fc from 'fast-check';
import { defaultConfigRows, parseConfig } from '../src/domain/config';
import { blocksSending, checkSmsInput, maskKeyId, maskKeySecret, smsConfigGaps } from '../src/domain/sms-settings';

const TENCENT = { id: 'AKIDu8jzPde0IgxLd6GncfBAepfJBd0Kh8oO', secret: 'OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ' };
const ALIYUN = { id: 'LTAI5tTeKdNnFRIBXuDL7Dxt', secret: 'pYlSXpfKtHF4vUCsMehGAkWvj7FAc9' };

describe('checkSmsInput', () => {
  test('a well-formed pair is taken, trimmed, and both count as changed', () => {
    expect(checkSmsInput('tencent', { id: ` ${TENCENT.id}\n`, secret: `\t${TENCENT.secret} ` }, null))
      .toEqual({ ok: true, id: TENCENT.id, secret: TENCENT.secret, changed: { id: true, secret: true } });
    expect(checkSmsInput('aliyun', ALIYUN, null)).toEqual({ ok: true, ...ALIYUN, changed: { id: true, secret: true } });
    // Older, shorter 阿里云 IDs (LTAI and 12 more) are theirs too.
    expect(checkSmsInput('aliyun', { id: 'LTAIab12CD34ef56', secret: ALIYUN.secret }, null).ok).toBe(true);
  });

  test('a first save needs both; blank keeps only what is stored for this same provider', () => {
    expect(checkSmsInput('tencent', { id: TENCENT.id, secret: '' }, null)).toEqual({ ok: false, problem: { key: 'sms.input.needBoth' } });
    expect(checkSmsInput('tencent', { id: '', secret: '  ' }, null)).toEqual({ ok: false, problem: { key: 'sms.input.needBoth' } });
    const stored = { provider: 'tencent' as const, ...TENCENT };
    const newKey = 'Zx9'.padEnd(32, 'q');
    expect(checkSmsInput('tencent', { id: '', secret: newKey }, stored)).toEqual({ ok: true, id: TENCENT.id, secret: newKey, changed: { id: false, secret: true } });
    expect(checkSmsInput('tencent', { id: '', secret: '' }, stored)).toEqual({ ok: false, problem: { key: 'sms.input.nothing' } });
    // The 阿里云 pair stored before 服务商 changed keeps nothing for 腾讯云.
    expect(checkSmsInput('tencent', { id: '', secret: TENCENT.secret }, { provider: 'aliyun', ...ALIYUN })).toEqual({ ok: false, problem: { key: 'sms.input.needBoth' } });
  });

  test('the other provider\'s pair is refused as theirs', () => {
    expect(checkSmsInput('aliyun', TENCENT, null)).toEqual({ ok: false, problem: { key: 'sms.input.wrongProvider', params: { provider: 'aliyun', given: 'tencent' } } });
    expect(checkSmsInput('tencent', ALIYUN, null)).toEqual({ ok: false, problem: { key: 'sms.input.wrongProvider', params: { provider: 'tencent', given: 'aliyun' } } });
    // Its secret alone (the ID kept) is the wrong length for this one.
    expect(checkSmsInput('aliyun', { id: '', secret: TENCENT.secret }, { provider: 'aliyun', ...ALIYUN })).toEqual({ ok: false, problem: { key: 'sms.input.badAliyunSecret' } });
  });

  test.each([
    ['tencent', { id: TENCENT.id.slice(0, -1), secret: TENCENT.secret }, 'sms.input.badTencentId'],
    ['tencent', { id: `${TENCENT.id}x`, secret: TENCENT.secret }, 'sms.input.badTencentId'],
    ['tencent', { id: `akid${TENCENT.id.slice(4)}`, secret: TENCENT.secret }, 'sms.input.badTencentId'],
    ['tencent', { id: TENCENT.id.replace('u8', 'u-'), secret: TENCENT.secret }, 'sms.input.badTencentId'],
    ['tencent', { id: TENCENT.id, secret: TENCENT.secret.slice(1) }, 'sms.input.badTencentSecret'],
    ['tencent', { id: TENCENT.id, secret: TENCENT.secret.replace('8', ' ') }, 'sms.input.badTencentSecret'],
    ['tencent', { id: TENCENT.id, secret: TENCENT.id }, 'sms.input.badTencentSecret'],
    ['aliyun', { id: 'LTAI1234567', secret: ALIYUN.secret }, 'sms.input.badAliyunId'],
    ['aliyun', { id: `LTAI${'a'.repeat(27)}`, secret: ALIYUN.secret }, 'sms.input.badAliyunId'],
    ['aliyun', { id: `X${ALIYUN.id}`, secret: ALIYUN.secret }, 'sms.input.badAliyunId'],
    ['aliyun', { id: ALIYUN.id, secret: `${ALIYUN.secret}0` }, 'sms.input.badAliyunSecret'],
    ['aliyun', { id: ALIYUN.id, secret: ALIYUN.secret.replace('p', '+') }, 'sms.input.badAliyunSecret'],
  ] as const)('%s %j → %s', (provider, input, key) => {
    expect(checkSmsInput(provider, input, null)).toEqual({ ok: false, problem: { key } });
  });

  test('whatever is typed, a stored pair has the provider\'s shape', () => {
    const text = fc.string({ maxLength: 48 });
    fc.assert(fc.property(fc.constantFrom('aliyun' as const, 'tencent' as const), text, text, (provider, id, secret) => {
      const r = checkSmsInput(provider, { id, secret }, null);
      if (!r.ok) return;
      const shapes = provider === 'aliyun' ? [/^LTAI[A-Za-z0-9]{8,26}$/, /^[A-Za-z0-9]{30}$/] : [/^AKID[A-Za-z0-9]{32}$/, /^[A-Za-z0-9]{32}$/];
      expect(r.id).toMatch(shapes[0]!);
      expect(r.secret).toMatch(shapes[1]!);
    }));
  });
});

describe('masking', () => {
  test('an ID by its public prefix and last four, a secret by its last four; never the whole value', () => {
    expect(maskKeyId(TENCENT.id)).toBe('AKID…h8oO');
    expect(maskKeyId(ALIYUN.id)).toBe('LTAI…7Dxt');
    expect(maskKeyId('')).toBe('');
    expect(maskKeySecret(TENCENT.secret)).toBe('…mxgJ');
    // A secret that happens to start like a 钉钉 one keeps no prefix.
    expect(maskKeySecret('SECabcdefghijklmnopqrstuvwxyz0123')).toBe('…0123');
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64 }), (s) => {
      expect(maskKeyId(s)).not.toBe(s);
      expect(maskKeySecret(s)).not.toBe(s);
      expect(maskKeySecret(s).replace(/^…/, '').length).toBeLessThanOrEqual(4);
      expect(maskKeyId(s).replace(/^(LTAI|AKID)?…/, '').length).toBeLessThanOrEqual(4);
    }));
  });
});

describe('smsConfigGaps', () => {
  const sms = (...rows: string[][]) => {
    const set = new Map(rows.map(([k, v]) => [k!, v!]));
    const { config, errors } = parseConfig(defaultConfigRows().map((r) => (r[0] === '短信' && set.has(r[1]!) ? [r[0], r[1]!, set.get(r[1]!)!] : r)));
    expect(errors).toEqual([]);
    return config.sms;
  };

  test('nothing is missing while no provider is named', () => {
    expect(smsConfigGaps(sms())).toEqual([]);
  });

  test('签名 always, 应用ID for 腾讯云 only, and at least one template', () => {
    expect(smsConfigGaps(sms(['服务商', '腾讯云']))).toEqual(['signName', 'appId', 'template']);
    expect(smsConfigGaps(sms(['服务商', '阿里云']))).toEqual(['signName', 'template']);
    expect(smsConfigGaps(sms(['服务商', '腾讯云'], ['签名', '示例科技'], ['应用ID', '1400006666'], ['进度模板', '1234567']))).toEqual([]);
    expect(smsConfigGaps(sms(['服务商', '阿里云'], ['签名', '示例科技'], ['受理模板', 'SMS_123456']))).toEqual([]);
    expect(['signName', 'appId', 'template'].filter((g) => blocksSending(g as 'signName'))).toEqual(['signName', 'appId']);
  });
});
