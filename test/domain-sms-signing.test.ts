/**
 * TC3-HMAC-SHA256 (腾讯云) and ACS3-HMAC-SHA256 (阿里云) against the vendors'
 * own worked examples, every intermediate they publish.
 *
 * 腾讯云 签名方法 v3 (https://cloud.tencent.com/document/api/362/4208, the same page under every product):
 * the example queries CVM DescribeInstances in ap-guangzhou at X-TC-Timestamp 1551113065 with the body
 * {"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]} (the \u escapes
 * as written, six characters each). The stored copy of the page stops before the example; its text was
 * read in a verbatim copy in a public repository and agrees with the many independent implementations'
 * tests that quote it. The current page signs content-type;host;x-tc-action and masks the SecretKey
 * with asterisks, printing instead the derived keys SecretDate, SecretService and SecretSigning in hex:
 * each derivation step is checked from the previous published key. The English "Signature v3" page
 * (e.g. https://tencentcloud.com/document/api/1105/41894) still has the earlier example, signing
 * content-type;host, with SecretKey "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE" in its pseudocode.
 *
 * 阿里云 V3 请求体&签名机制 (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature,
 * zh https://help.aliyun.com/document_detail/2593177.html), "Fixed parameter values": ECS RunInstances,
 * AccessKeyID YourAccessKeyId, AccessKeySecret YourAccessKeySecret, nonce 3156853299f313e23d1673dc12e1703d,
 * x-acs-date 2023-10-26T10:22:32Z, query ImageId and RegionId, no body.
 */
import fc from 'fast-check';
import { fromHex, signedBytes, toHex } from '../src/domain/hex';
import { percentEncode } from '../src/domain/percent-encoding';
import {
  acs3Date,
  acs3QueryString,
  acs3Sign,
  tc3SecretDate,
  tc3SecretService,
  tc3SecretSigning,
  tc3Sign,
  tc3Signature,
  utcDate,
} from '../src/domain/sms-signing';
import { nodePrimitives as p } from './helpers/node-signing';

const CVM_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const cvm = (over: { secretKey: string; signAction?: boolean }) =>
  tc3Sign(p, {
    secretId: 'AKIDEXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    action: 'DescribeInstances',
    timestampSec: 1551113065,
    payload: CVM_PAYLOAD,
    ...over,
  });

describe('TC3-HMAC-SHA256: 签名方法 v3 as published now (content-type;host;x-tc-action)', () => {
  const s = cvm({ secretKey: '*'.repeat(32) });

  test('1. the canonical request and the payload hash', () => {
    expect(CVM_PAYLOAD).toContain('["\\u672a'); // the escapes are part of the body that is hashed
    expect(s.hashedPayload).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
    expect(s.canonicalHeaders).toBe('content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n');
    expect(s.signedHeaders).toBe('content-type;host;x-tc-action');
    expect(s.canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        'x-tc-action:describeinstances',
        '',
        'content-type;host;x-tc-action',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    );
  });

  test('2. the string to sign: the UTC date, not the Beijing one (1551113065 is 2019-02-26 00:44:25 in UTC+8)', () => {
    expect(s.hashedCanonicalRequest).toBe('7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
    expect(s.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(s.stringToSign).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84');
  });

  test('3. each derived key from the one before, as the page prints them, then the signature', () => {
    const secretDate = 'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0';
    const secretService = '8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f';
    const secretSigning = 'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af';
    // The keys go back in as Apps Script's signed bytes (the test primitive refuses unsigned ones).
    expect(toHex(tc3SecretService(p, signedBytes(fromHex(secretDate)), 'cvm'))).toBe(secretService);
    expect(toHex(tc3SecretSigning(p, signedBytes(fromHex(secretService))))).toBe(secretSigning);
    expect(tc3Signature(p, signedBytes(fromHex(secretSigning)), s.stringToSign)).toBe('10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f');
  });

  test('4. the whole chain from the key: the page masks it, and its 32 asterisks as written give every published key', () => {
    // Not a statement of the page: an observation that its masked key, taken literally, reproduces it.
    expect(toHex(tc3SecretDate(p, '*'.repeat(32), '2019-02-25'))).toBe('da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0');
    expect([s.secretDate, s.secretService, s.secretSigning]).toEqual([
      'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0',
      '8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f',
      'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
    ]);
    expect(s.signature).toBe('10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f');
    expect(s.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
    );
  });
});

describe('TC3-HMAC-SHA256: the English Signature v3 example (content-type;host)', () => {
  test('canonical request, string to sign and signature with the SecretKey of its pseudocode', () => {
    const s = cvm({ secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', signAction: false });
    expect(s.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(s.hashedCanonicalRequest).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(s.stringToSign).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(s.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(s.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\/2019-02-25\/cvm\/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea/);
  });

  test('another secret or another second signs differently', () => {
    const base = cvm({ secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', signAction: false }).signature;
    expect(cvm({ secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLF', signAction: false }).signature).not.toBe(base);
    const later = tc3Sign(p, { secretId: 'x', secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', service: 'cvm', host: 'cvm.tencentcloudapi.com', action: 'DescribeInstances', timestampSec: 1551113066, payload: CVM_PAYLOAD, signAction: false });
    expect(later.signature).not.toBe(base);
  });
});

describe('ACS3-HMAC-SHA256: the V3 document\'s fixed-parameter example', () => {
  const s = acs3Sign(p, {
    accessKeyId: 'YourAccessKeyId',
    accessKeySecret: 'YourAccessKeySecret',
    method: 'POST',
    host: 'ecs.cn-shanghai.aliyuncs.com',
    query: { RegionId: 'cn-shanghai', ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd' },
    body: '',
    action: 'RunInstances',
    version: '2014-05-26',
    date: '2023-10-26T10:22:32Z',
    nonce: '3156853299f313e23d1673dc12e1703d',
  });

  test('1. the canonical request: query sorted by name, hashed empty body, x-acs-* and host headers', () => {
    expect(s.canonicalQueryString).toBe('ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai');
    expect(s.hashedPayload).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(s.signedHeaders).toBe('host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(s.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  test('2–4. string to sign, signature and Authorization', () => {
    expect(s.stringToSign).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(s.signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
    expect(s.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    );
    // The headers to send: all that were signed but host (the fetch sets it from the URL).
    expect(s.headers).toEqual({
      Authorization: s.authorization,
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
    });
  });

  test('a content type that is sent is signed too', () => {
    const withType = acs3Sign(p, {
      accessKeyId: 'id', accessKeySecret: 'secret', method: 'POST', host: 'dysmsapi.aliyuncs.com', query: {}, body: '',
      contentType: 'application/x-www-form-urlencoded', action: 'SendSms', version: '2017-05-25', date: '2023-10-26T10:22:32Z', nonce: 'n',
    });
    expect(withType.signedHeaders).toBe('content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(withType.canonicalHeaders.startsWith('content-type:application/x-www-form-urlencoded\nhost:dysmsapi.aliyuncs.com\n')).toBe(true);
  });
});

describe('dates and encodings the signatures depend on', () => {
  test('the credential date is UTC whatever the host zone (tests run in America/Los_Angeles)', () => {
    expect(utcDate(1551113065)).toBe('2019-02-25');
    // 23:30 on 25 February in Los Angeles is already 26 February in UTC.
    expect(utcDate(Date.UTC(2019, 1, 26, 7, 30) / 1000)).toBe('2019-02-26');
    expect(acs3Date(Date.UTC(2023, 9, 26, 10, 22, 32, 999))).toBe('2023-10-26T10:22:32Z');
    expect(acs3Date(Date.UTC(2024, 0, 5, 3, 4, 5))).toBe('2024-01-05T03:04:05Z');
  });

  test('RFC 3986 as Aliyun lists it: space %20, * %2A, ~ kept, UTF-8 bytes upper-case', () => {
    expect(percentEncode('a b*c~d')).toBe('a%20b%2Ac~d');
    expect(percentEncode("!'()+=&/:,")).toBe('%21%27%28%29%2B%3D%26%2F%3A%2C');
    expect(percentEncode('中')).toBe('%E4%B8%AD');
    expect(percentEncode('\ud800')).toBe('%EF%BF%BD'); // a lone surrogate is sent as U+FFFD
    expect(acs3QueryString({ b: 'a b*~', a: '中', B: '1' })).toBe('B=1&a=%E4%B8%AD&b=a%20b%2A~');
  });

  test('percent-encoding leaves only unreserved characters and escapes, and decodes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = percentEncode(s);
        expect(e).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(e)).toBe(s);
      }),
    );
  });
});
