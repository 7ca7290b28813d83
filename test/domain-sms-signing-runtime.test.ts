/**
 * The signers with the Apps Script adapter (src/services/signing-primitives.ts),
 * bundled by esbuild as the shipped code is and run in the local runtime on
 * its Utilities, whose digests and HMACs are signed bytes and whose strings
 * without a charset are US-ASCII: the vendors' worked examples come out
 * identical, and so do requests with Chinese text, compared with the same
 * domain code on Node's crypto. This is what shows the signed-byte handling and
 * the UTF-8 encoding survive the trip through Utilities.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { Runtime } from '../local/runtime/runtime';
import { newState } from '../local/runtime/state';
import { dingtalkSignedUrl, feishuSignFields } from '../src/domain/robot-signing';
import { tencentSendSms, aliyunSendSms } from '../src/domain/sms-requests';
import { nodePrimitives } from './helpers/node-signing';

const ROOT = path.join(__dirname, '..');
const CVM_PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const NOW = Date.UTC(2026, 10, 23, 2, 0, 5);

// The script: each function signs with Utilities and returns JSON (plain strings cross the vm boundary).
const ENTRY = `
import { appsScriptSigningPrimitives } from './src/services/signing-primitives';
import { acs3Sign, tc3Sign } from './src/domain/sms-signing';
import { dingtalkSignedUrl, feishuSignFields } from './src/domain/robot-signing';
import { aliyunSendSms, tencentSendSms } from './src/domain/sms-requests';

const p = () => appsScriptSigningPrimitives();
const cvm = (secretKey: string, signAction: boolean) => tc3Sign(p(), {
  secretId: 'AKIDEXAMPLE', secretKey, service: 'cvm', host: 'cvm.tencentcloudapi.com', action: 'DescribeInstances',
  timestampSec: 1551113065, payload: ${JSON.stringify(CVM_PAYLOAD)}, signAction,
});
export function tencentExamples(): string {
  return JSON.stringify({ current: cvm('*'.repeat(32), true), english: cvm('Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', false) });
}
export function aliyunExample(): string {
  return JSON.stringify(acs3Sign(p(), {
    accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret', method: 'POST', host: 'ecs.cn-shanghai.aliyuncs.com',
    query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' }, body: '',
    action: 'RunInstances', version: '2014-05-26', date: '2023-10-26T10:22:32Z', nonce: '3156853299f313e23d1673dc12e1703d',
  }));
}
export function robots(secret: string, nowMs: number): string {
  return JSON.stringify({
    dingtalk: dingtalkSignedUrl(p(), 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret, nowMs),
    feishu: feishuSignFields(p(), secret, nowMs),
  });
}
export function sms(nowMs: number): string {
  return JSON.stringify({
    tencent: tencentSendSms(
      { secretId: 'AKIDtest', secretKey: '密钥-secret', region: 'ap-guangzhou', smsSdkAppId: '1400006666', signName: '客户服务' },
      { templateId: '1110', kind: 'notification', enterpriseVerified: true },
      ['13800138000'], ['T20261123001', '处理中'], { timestampSec: Math.floor(nowMs / 1000), primitives: p() }),
    aliyun: aliyunSendSms(
      { accessKeyId: 'LTAItest', accessKeySecret: '阿里-secret', signName: '客户服务' },
      { templateCode: 'SMS_15305000', kind: 'notification' },
      ['13800138000'], { ticket: 'T20261123001', status: '已解决' }, { nowMs, nonce: 'nonce-1', primitives: p() }),
  });
}
`;
const NAMES = ['tencentExamples', 'aliyunExample', 'robots', 'sms'];

let rt: Runtime;

beforeAll(async () => {
  const out = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'signing-check.ts' },
    bundle: true,
    format: 'iife',
    globalName: 'Check',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    charset: 'utf8',
    write: false,
    logLevel: 'error',
    footer: { js: NAMES.map((n) => `function ${n}() { return Check.${n}.apply(this, arguments); }`).join('\n') },
  });
  rt = new Runtime(newState({ clock: NOW, seed: 'signing' }));
  rt.load(out.outputFiles[0]!.text, 'signing-check.js');
});

function call<T>(name: string, args: unknown[] = []): { value: T; utilities: Record<string, number> } {
  const r = rt.run(name, args);
  if (!r.ok) throw new Error(r.error);
  const utilities = Object.fromEntries(Object.entries(r.meter.calls).filter(([k]) => k.startsWith('Utilities.')));
  return { value: JSON.parse(r.value as string) as T, utilities };
}

test('腾讯云 签名方法 v3: both published examples through Utilities, derived keys and signatures identical', () => {
  type S = Record<string, string>;
  const { value, utilities } = call<{ current: S; english: S }>('tencentExamples');
  expect(value.current).toMatchObject({
    hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    hashedCanonicalRequest: '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    secretDate: 'da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0',
    secretService: '8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f',
    secretSigning: 'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
    signature: '10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
  });
  expect(value.english).toMatchObject({
    hashedCanonicalRequest: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  });
  // The chained keys went into Utilities as byte arrays: four HMACs and two digests per signature.
  expect(utilities).toEqual({ 'Utilities.computeHmacSha256Signature': 8, 'Utilities.computeDigest': 4 });
});

test('阿里云 V3: the fixed-parameter example through Utilities', () => {
  const { value } = call<Record<string, string>>('aliyunExample');
  expect(value.stringToSign).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
  expect(value.signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
});

test('robot signatures with a Chinese secret equal Node\'s: strings reach Utilities as UTF-8, not US-ASCII', () => {
  const secret = 'SEC加签密钥🔑';
  const { value } = call<{ dingtalk: string; feishu: { timestamp: string; sign: string } }>('robots', [secret, NOW]);
  expect(value.dingtalk).toBe(dingtalkSignedUrl(nodePrimitives, 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret, NOW));
  expect(value.feishu).toEqual(feishuSignFields(nodePrimitives, secret, NOW));
});

test('SendSms requests with Chinese signature names, parameters and secrets are signed identically', () => {
  const { value } = call<{ tencent: unknown; aliyun: unknown }>('sms', [NOW]);
  const tencent = tencentSendSms(
    { secretId: 'AKIDtest', secretKey: '密钥-secret', region: 'ap-guangzhou', smsSdkAppId: '1400006666', signName: '客户服务' },
    { templateId: '1110', kind: 'notification', enterpriseVerified: true },
    ['13800138000'], ['T20261123001', '处理中'], { timestampSec: Math.floor(NOW / 1000), primitives: nodePrimitives },
  );
  const aliyun = aliyunSendSms(
    { accessKeyId: 'LTAItest', accessKeySecret: '阿里-secret', signName: '客户服务' },
    { templateCode: 'SMS_15305000', kind: 'notification' },
    ['13800138000'], { ticket: 'T20261123001', status: '已解决' }, { nowMs: NOW, nonce: 'nonce-1', primitives: nodePrimitives },
  );
  expect(tencent.ok && aliyun.ok).toBe(true);
  expect(value.tencent).toEqual(tencent);
  expect(value.aliyun).toEqual(aliyun);
});
