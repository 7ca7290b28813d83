import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { hexOf, verifyPush, verifyWjx, type Sha1Digest } from '../src/domain/form-tool-verify';

/**
 * The digest as Apps Script gives it: Utilities.computeDigest(SHA_1, text, UTF_8)
 * returns signed bytes (−128…127); here node:crypto stands in, converted likewise.
 */
const appsScriptSha1: Sha1Digest = (text) => [...createHash('sha1').update(text, 'utf8').digest()].map((b) => (b > 127 ? b - 256 : b));

/**
 * The expected sign, computed independently with node:crypto's hex digest as
 * 问卷星 documents it: sign = sha1(activity + index + 推送密钥)
 * (https://www.showdoc.com.cn/wjxopenapi/7664690808275512). 问卷星 publishes no
 * worked example with a key and its sign in the material found, so none is used here.
 */
const independentSign = (activity: string, index: string, key: string) => createHash('sha1').update(activity + index + key, 'utf8').digest('hex');

const KEY = 'wjx-推送密钥-9f3a';
// The documented sample's fields (typo corrected), with the index the sign covers and a sign made as above.
const body = (over: Record<string, unknown> = {}) => ({
  activity: '5657754', name: '问卷名称', submittime: '2016-08-23 10:01:59', q1: '1', q2: '测试', q3: '1,2',
  joinid: '101812480275', index: '15', totalvalue: '15', sign: independentSign('5657754', '15', KEY), ...over,
});

describe('问卷星 sign', () => {
  test('a push signed with the configured key passes; the check says it was signed', () => {
    expect(verifyWjx(body(), KEY, appsScriptSha1)).toEqual({ ok: true, signed: true });
    expect(verifyPush('wjx', body(), { wjx: KEY }, appsScriptSha1)).toEqual({ ok: true, signed: true });
  });

  test('an upper-case hex sign and numeric ids are the same signature', () => {
    expect(verifyWjx(body({ sign: independentSign('5657754', '15', KEY).toUpperCase(), activity: 5657754, index: 15 }), KEY, appsScriptSha1)).toEqual({ ok: true, signed: true });
  });

  test('another key, another index or another form fails', () => {
    expect(verifyWjx(body(), `${KEY}x`, appsScriptSha1)).toEqual({ ok: false, refused: 'bad_signature' });
    expect(verifyWjx(body({ index: '16' }), KEY, appsScriptSha1)).toEqual({ ok: false, refused: 'bad_signature' });
    expect(verifyWjx(body({ activity: '5657755' }), KEY, appsScriptSha1)).toEqual({ ok: false, refused: 'bad_signature' });
  });

  test('with a key set, an unsigned push (the documented sample’s empty sign) is refused', () => {
    expect(verifyPush('wjx', body({ sign: '' }), { wjx: KEY }, appsScriptSha1)).toEqual({ ok: false, refused: 'missing_signature' });
    expect(verifyPush('wjx', body({ index: undefined }), { wjx: KEY }, appsScriptSha1)).toEqual({ ok: false, refused: 'missing_signature' });
    expect(verifyPush('wjx', 'not an object', { wjx: KEY }, appsScriptSha1)).toEqual({ ok: false, refused: 'missing_signature' });
  });

  test('without a key the push is admitted by the URL token alone, and says it was not signed', () => {
    expect(verifyPush('wjx', body({ sign: '' }), {}, appsScriptSha1)).toEqual({ ok: true, signed: false });
  });

  test('for any key and ids, the sign made as documented passes and any change of it fails', () => {
    fc.assert(fc.property(fc.string(), fc.nat(), fc.nat(), fc.nat({ max: 39 }), (key, activity, index, at) => {
      fc.pre(key !== '');
      const sign = independentSign(String(activity), String(index), key);
      const flipped = sign.slice(0, at) + (sign[at] === '0' ? '1' : '0') + sign.slice(at + 1);
      return verifyWjx({ activity, index, sign }, key, appsScriptSha1).ok && !verifyWjx({ activity, index, sign: flipped }, key, appsScriptSha1).ok;
    }));
  });

  test('any JSON value is admitted or refused, never thrown on', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => typeof verifyPush('wjx', v, { wjx: KEY }, appsScriptSha1).ok === 'boolean'));
  });
});

describe('tools that do not sign the body', () => {
  test('金数据 and 腾讯问卷 are admitted by the URL token alone: nothing is checked, and the outcome says so', () => {
    for (const tool of ['jinshuju', 'tencent'] as const) {
      expect(verifyPush(tool, { sign: 'anything' }, { wjx: KEY }, appsScriptSha1)).toEqual({ ok: true, signed: false });
    }
  });
});

test('hexOf reads Apps Script’s signed bytes as unsigned hex', () => {
  expect(hexOf([-1, 0, 127, -128, 15])).toBe('ff007f800f');
  expect(hexOf(appsScriptSha1('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d'); // FIPS 180-1's SHA-1("abc")
});
