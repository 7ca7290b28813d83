/**
 * The robots' signatures. Neither 钉钉's 加签 section
 * (https://open.dingtalk.com/document/group/custom-robot-access) nor 飞书's
 * 签名校验 section (https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN)
 * publishes a sample timestamp and secret with the resulting sign: their
 * examples sign the current time. So each is checked against Node's crypto
 * written from the document's own code, an independent implementation:
 *   钉钉: hmac.new(secret, f'{timestamp}\n{secret}', sha256) → base64 → urllib.parse.quote_plus, ms;
 *   飞书: hmac.new(f'{timestamp}\n{secret}', b'', sha256) → base64, seconds.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { dingtalkSignature, dingtalkSignedUrl, feishuSignature, feishuSignFields } from '../src/domain/robot-signing';
import { nodePrimitives as p } from './helpers/node-signing';

/** Python's quote_plus on a Base64 string: the three characters of the alphabet it escapes. */
const quotePlus = (b64: string) => b64.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D');
const dingtalkByNode = (secret: string, ts: number) => createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${ts}\n${secret}`, 'utf8')).digest('base64');
const feishuByNode = (secret: string, ts: number) => createHmac('sha256', Buffer.from(`${ts}\n${secret}`, 'utf8')).update(Buffer.alloc(0)).digest('base64');

const SECRET = 'SEC5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7f3a9dc';
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0, 123);

describe('钉钉 加签', () => {
  test('timestamp in milliseconds and sign in the webhook address, the sign URL-encoded', () => {
    const url = dingtalkSignedUrl(p, 'https://oapi.dingtalk.com/robot/send?access_token=abc123', SECRET, NOW);
    const m = /^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=abc123&timestamp=(\d+)&sign=([^&]+)$/.exec(url);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(String(NOW)); // 13 digits: milliseconds
    expect(m![2]).toBe(quotePlus(dingtalkByNode(SECRET, NOW)));
    expect(decodeURIComponent(m![2]!)).toBe(dingtalkSignature(p, SECRET, NOW));
    expect(m![2]).not.toMatch(/[+/=]/);
  });

  test('equals the document\'s algorithm for any secret and time, a Chinese secret as UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.integer({ min: 0, max: 4102444800000 }), (secret, ts) => {
        expect(dingtalkSignature(p, secret, ts)).toBe(dingtalkByNode(secret, ts));
      }),
    );
    expect(dingtalkSignature(p, '加签密钥', NOW)).toBe(dingtalkByNode('加签密钥', NOW));
  });

  test('a fraction of a millisecond is dropped, as Date.now() never has one', () => {
    expect(dingtalkSignature(p, SECRET, NOW + 0.7)).toBe(dingtalkByNode(SECRET, NOW));
  });
});

describe('飞书 签名校验', () => {
  test('timestamp in SECONDS as a string and sign in the body', () => {
    const fields = feishuSignFields(p, 'dMnbd7r3N9pkXyXdtAbx6e', NOW);
    expect(fields.timestamp).toBe(String(Math.floor(NOW / 1000))); // 10 digits
    expect(fields.timestamp).toMatch(/^\d{10}$/);
    expect(fields.sign).toBe(feishuByNode('dMnbd7r3N9pkXyXdtAbx6e', Math.floor(NOW / 1000)));
  });

  test('the key is timestamp + "\\n" + secret and the message empty, for any secret and time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.integer({ min: 0, max: 4102444800 }), (secret, ts) => {
        expect(feishuSignature(p, secret, ts)).toBe(feishuByNode(secret, ts));
      }),
    );
  });

  test('the two algorithms differ: a 钉钉 sign is no 飞书 sign', () => {
    expect(feishuSignature(p, SECRET, 1599360473)).not.toBe(dingtalkSignature(p, SECRET, 1599360473));
  });
});
