/**
 * The form tools' push secrets as stored: nothing unreadable ever admits a
 * push, a token admits only its own tool, the push URL carries the tool and
 * its token, and a pasted 推送密钥 is read as pasted or refused.
 */
import fc from 'fast-check';
import { parseFormToolSecrets, pushUrl, readSignKey, serialiseFormToolSecrets, tokenAdmits, toolOfParameter } from '../src/domain/form-tool-secrets';

const TOKEN = 'a'.repeat(40);

describe('stored secrets', () => {
  test('round-trip; 问卷星 alone keeps a 推送密钥', () => {
    const secrets = { jinshuju: { token: TOKEN }, wjx: { token: 'b'.repeat(40), signKey: '密钥' } };
    expect(parseFormToolSecrets(serialiseFormToolSecrets(secrets))).toEqual(secrets);
    expect(parseFormToolSecrets(JSON.stringify({ tencent: { token: TOKEN, signKey: 'x' } }))).toEqual({ tencent: { token: TOKEN } });
  });

  test('anything unreadable, short or of another shape is no secret, so it admits nothing', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), fc.constantFrom('jinshuju', 'wjx', 'tencent' as const), fc.string(), (stored, tool, given) => {
      const secrets = parseFormToolSecrets(stored);
      const token = secrets[tool]?.token;
      return token === undefined ? !tokenAdmits(secrets, tool, given) : token.length >= 32;
    }));
    expect(parseFormToolSecrets(JSON.stringify({ jinshuju: { token: 'short' } }))).toEqual({});
    expect(parseFormToolSecrets(null)).toEqual({});
  });
});

describe('tokens and URLs', () => {
  test('a token admits its own tool only, and nothing but itself', () => {
    const secrets = { jinshuju: { token: TOKEN } };
    expect(tokenAdmits(secrets, 'jinshuju', TOKEN)).toBe(true);
    expect(tokenAdmits(secrets, 'wjx', TOKEN)).toBe(false);
    expect(tokenAdmits(secrets, 'jinshuju', TOKEN.slice(1))).toBe(false);
    expect(tokenAdmits(secrets, 'jinshuju', undefined)).toBe(false);
    expect(tokenAdmits(secrets, 'jinshuju', [TOKEN])).toBe(false);
  });

  test('the push URL: the web app URL, the tool, the token', () => {
    expect(pushUrl('https://script.google.com/macros/s/AKfy/exec', 'wjx', TOKEN)).toBe(`https://script.google.com/macros/s/AKfy/exec?tool=wjx&token=${TOKEN}`);
    expect(toolOfParameter(' WJX ')).toBe('wjx');
    expect(toolOfParameter('wenjuanxing')).toBeNull();
    expect(toolOfParameter(['wjx'])).toBeNull();
  });

  test('a pasted 推送密钥 loses its surrounding blanks; a line break or an overlong paste is refused', () => {
    expect(readSignKey('  k-123 ')).toBe('k-123');
    expect(readSignKey('a\nb')).toBeNull();
    expect(readSignKey('x'.repeat(201))).toBeNull();
    expect(readSignKey('   ')).toBeNull();
  });
});
