/**
 * The alert bodies as each group sees them: the message type, the @-mentions
 * the platform notifies, the one live link — and nothing a customer typed
 * turned into a link, a mention, markup or a new line; each body within its
 * platform's documented size, cut cleanly with the catalogue's mark.
 */
import fc from 'fast-check';
import { translator } from '../src/i18n/messages';
import {
  DINGTALK_MARKDOWN_MAX_BYTES,
  FEISHU_BODY_MAX_BYTES,
  WECOM_MARKDOWN_MAX_BYTES,
  WECOM_TEXT_MAX_BYTES,
  inertText,
  robotMessage,
  type RobotAlert,
  type RobotPlatform,
} from '../src/domain/robot-messages';
import { robotPlatformOf, robotRequest } from '../src/domain/robot-requests';
import { fitText, truncateUtf8, utf8Length } from '../src/domain/text-fit';
import { nodePrimitives as p } from './helpers/node-signing';

const ROW = 'https://docs.google.com/spreadsheets/d/1AbC/edit#gid=42&range=A17';
const ALERT: RobotAlert = {
  title: '新工单 T20261123001（高）',
  lines: ['客户：张三', '问题：打印机无法连接 Wi-Fi', '截止：2026-11-24 18:00'],
  link: { label: '打开工单', url: ROW },
  mentions: { mobiles: ['13800138000'], userIds: ['li.si'] },
};
const MARK = translator('zh-CN')('reach.truncated');

type Md = { msgtype: string; markdown: { title: string; text: string }; at: { atMobiles: string[]; atUserIds: string[]; isAtAll: boolean } };
type WecomMd = { msgtype: 'markdown'; markdown: { content: string } };
type WecomText = { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } };
type Post = { msg_type: 'post'; content: { post: Record<string, { title: string; content: { tag: string; text?: string; href?: string; user_id?: string }[][] }> } };

describe('钉钉: a markdown message', () => {
  const m = robotMessage('dingtalk', ALERT, 'zh-CN');
  const body = m.body as unknown as Md;

  test('title, lines, the row link, and each mention both in `at` and as @… in the text', () => {
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('新工单 T20261123001（高）');
    expect(body.markdown.text.split('\n\n')).toEqual([
      '#### 新工单 T20261123001（高）',
      '· 客户：张三',
      '· 问题：打印机无法连接 Wi-Fi',
      '· 截止：2026-11-24 18:00',
      `[打开工单](${ROW})`,
      '@13800138000 @li.si',
    ]);
    expect(body.at).toEqual({ atMobiles: ['13800138000'], atUserIds: ['li.si'], isAtAll: false });
    expect(m).toMatchObject({ truncated: false, droppedMentions: [], linkDropped: false });
  });
});

describe('企业微信', () => {
  test('without mobiles: markdown, users @-ed with <@userid>', () => {
    const m = robotMessage('wecom', { ...ALERT, mentions: { userIds: ['li.si', 'wang_wu'] } }, 'zh-CN');
    const body = m.body as unknown as WecomMd;
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content.split('\n')).toEqual([
      '**新工单 T20261123001（高）**',
      '· 客户：张三',
      '· 问题：打印机无法连接 Wi-Fi',
      '· 截止：2026-11-24 18:00',
      `[打开工单](${ROW})`,
      '<@li.si> <@wang_wu>',
    ]);
  });

  test('with a mobile: a text message, since only text has mentioned_mobile_list', () => {
    const body = robotMessage('wecom', ALERT, 'zh-CN').body as unknown as WecomText;
    expect(body.msgtype).toBe('text');
    expect(body.text.mentioned_mobile_list).toEqual(['13800138000']);
    expect(body.text.mentioned_list).toEqual(['li.si']);
    expect(body.text.content.split('\n')).toEqual(['新工单 T20261123001（高）', '· 客户：张三', '· 问题：打印机无法连接 Wi-Fi', '· 截止：2026-11-24 18:00', ROW]);
  });
});

describe('飞书: a rich-text (post) message', () => {
  test('a text element per line, the link an `a` element, users `at` elements; mobiles cannot be @-ed', () => {
    const m = robotMessage('feishu', { ...ALERT, mentions: { mobiles: ['13800138000'], userIds: ['ou_7d8a6e6df7621556'] } }, 'zh-CN');
    const post = (m.body as unknown as Post).content.post;
    expect(Object.keys(post)).toEqual(['zh_cn']);
    expect(post.zh_cn).toEqual({
      title: '新工单 T20261123001（高）',
      content: [
        [{ tag: 'text', text: '客户：张三' }],
        [{ tag: 'text', text: '问题：打印机无法连接 Wi-Fi' }],
        [{ tag: 'text', text: '截止：2026-11-24 18:00' }],
        [{ tag: 'a', text: '打开工单', href: ROW }],
        [{ tag: 'at', user_id: 'ou_7d8a6e6df7621556' }],
      ],
    });
    expect(m.droppedMentions).toEqual(['13800138000']);
  });

  test('an English workbook posts the en_us variant', () => {
    expect(Object.keys((robotMessage('feishu', ALERT, 'en').body as unknown as Post).content.post)).toEqual(['en_us']);
  });
});

describe('mentions and the link are checked; nobody is @all-ed', () => {
  test.each<RobotPlatform>(['dingtalk', 'wecom', 'feishu'])('%s', (platform) => {
    const m = robotMessage(platform, { ...ALERT, mentions: { mobiles: ['123', '@all'], userIds: ['all', '@all', '<@x>', 'a b'] }, link: { label: 'x', url: 'javascript:alert(1)' } }, 'zh-CN');
    expect(m.droppedMentions).toEqual(['123', '@all', 'all', '@all', '<@x>', 'a b']);
    expect(m.linkDropped).toBe(true);
    const json = JSON.stringify(m.body);
    expect(json).not.toContain('javascript');
    expect(json).not.toMatch(/@all|"isAtAll":true/);
  });

  test('a link that would end a markdown link early is left out', () => {
    const m = robotMessage('dingtalk', { ...ALERT, link: { label: 'x', url: 'https://a.example/x)[y](https://evil.example' } }, 'zh-CN');
    expect(m.linkDropped).toBe(true);
    expect((m.body as unknown as Md).markdown.text).not.toContain('](');
  });
});

// What a customer might type to turn an alert into something else.
const ATTACKS = [
  '[点我领奖](https://evil.example/x)',
  '![img](http://evil.example/p.png)',
  '<@zhangsan> 请处理',
  '<at user_id="all">所有人</at>',
  '@13800138000 @all',
  '**加粗** _斜体_ `code` ~~删除~~',
  '# 标题\n> 引用\n- 列表\n1. 有序',
  '<a href="https://evil.example">x</a><script>alert(1)</script>',
  '&lt;b&gt; &amp;',
  'http://evil.example www.evil.example evil.com/path',
  '<font color="warning">红字</font>',
  '{"tag":"at","user_id":"all"}',
  'line\u2028break\rcarriage\u0085next',
  '\u202eevil\u202c',
];
const customerText = fc.oneof(
  fc.constantFrom(...ATTACKS),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom(...ATTACKS, '张三', ' ', '13800138000', '(', ']'), { maxLength: 6 }).map((xs) => xs.join('')),
);

describe('nothing a customer types is evaluated', () => {
  test('inert text holds no markup character, no line break, no scheme and no host name', () => {
    fc.assert(
      fc.property(customerText, (s) => {
        const t = inertText(s);
        expect(t).not.toMatch(/[[\]()<>@*_`#!~|\\&{}$]/);
        expect(Array.from(t).some((ch) => ch.charCodeAt(0) < 0x20 || [0x7f, 0x85, 0x2028, 0x2029].includes(ch.charCodeAt(0)))).toBe(false);
        expect(t).not.toMatch(/:\/\/|[A-Za-z0-9]\.[A-Za-z]/);
        expect(t).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }),
    );
  });

  test('ordinary text reads as typed: Chinese, digits, decimals, mobiles, ticket numbers, dashes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('张', '三', '，', '。', '：', ' ', '1', '0', '.', '-', '+', 'T', '处理中', '13800138000', '1.5', '%')), (xs) => {
        const s = xs.join('');
        // A dot before a letter is how a host name reads ("T.T", "1.T"): that one is broken on purpose (above).
        fc.pre(!/[A-Za-z0-9]\.[A-Za-z]/.test(s));
        expect(inertText(s)).toBe(s);
      }),
    );
  });

  test('in every platform\'s body the only link is the row and the only mentions are those passed apart', () => {
    fc.assert(
      fc.property(customerText, customerText, (title, line) => {
        const alert: RobotAlert = { title, lines: [line, '客户：' + line], link: { label: line || '打开', url: ROW }, mentions: { mobiles: ['13800138000'], userIds: ['li.si'] } };
        const ding = (robotMessage('dingtalk', alert, 'zh-CN').body as unknown as Md).markdown.text;
        expect(ding.split('](').length - 1).toBe(1);
        expect(ding.split('(http').length - 1).toBe(1);
        expect(ding.split('@').length - 1).toBe(2);
        // Every paragraph is ours: the heading, a bullet, the link, the mentions.
        expect(ding.split('\n\n').every((para) => /^(#### |· |\[|@13800138000 @li\.si$)/.test(para))).toBe(true);
        const wecomMd = (robotMessage('wecom', { ...alert, mentions: { userIds: ['li.si'] } }, 'zh-CN').body as unknown as WecomMd).markdown.content;
        expect(wecomMd.split('<').length - 1).toBe(1);
        expect(wecomMd.split('](').length - 1).toBe(1);
        expect(wecomMd.split('\n').every((l) => /^(\*\*|· |\[|<@li\.si>$)/.test(l))).toBe(true);
        const wecomText = (robotMessage('wecom', alert, 'zh-CN').body as unknown as WecomText).text.content;
        expect(wecomText).not.toMatch(/[<@[]/);
        expect(wecomText.split('://').length - 1).toBe(1);
        const post = (robotMessage('feishu', alert, 'zh-CN').body as unknown as Post).content.post.zh_cn!;
        expect(post.content.flat().filter((e) => e.tag === 'at')).toEqual([{ tag: 'at', user_id: 'li.si' }]);
        expect(post.content.flat().filter((e) => e.tag === 'a')).toHaveLength(1);
        expect(JSON.stringify(post)).not.toMatch(/<at|<@/);
      }),
    );
  });
});

describe('sizes: each body within its platform\'s limit, cut cleanly', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}行：客户描述😀很长的问题，需要尽快处理`);

  test('企业微信 markdown stays within 4096 bytes, keeping link and mention, marked as cut', () => {
    const m = robotMessage('wecom', { ...ALERT, lines: long(200), mentions: { userIds: ['li.si'] } }, 'zh-CN');
    const content = (m.body as unknown as WecomMd).markdown.content;
    expect(m.truncated).toBe(true);
    expect(utf8Length(content)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(utf8Length(content)).toBeGreaterThan(WECOM_MARKDOWN_MAX_BYTES - 100);
    const lines = content.split('\n');
    expect(lines.slice(-3)).toEqual([expect.stringMatching(/…（已截断）$/), `[打开工单](${ROW})`, '<@li.si>']);
  });

  test('企业微信 text (a mobile @-ed) stays within 2048 bytes', () => {
    const content = (robotMessage('wecom', { ...ALERT, lines: long(200) }, 'zh-CN').body as unknown as WecomText).text.content;
    expect(utf8Length(content)).toBeLessThanOrEqual(WECOM_TEXT_MAX_BYTES);
    expect(content.endsWith(ROW)).toBe(true);
  });

  test('钉钉 markdown stays within 5000 bytes and its title within 64 characters', () => {
    const m = robotMessage('dingtalk', { ...ALERT, title: '标题'.repeat(50), lines: long(300) }, 'en');
    const body = m.body as unknown as Md;
    expect(utf8Length(body.markdown.text)).toBeLessThanOrEqual(DINGTALK_MARKDOWN_MAX_BYTES);
    expect(Array.from(body.markdown.title).length).toBeLessThanOrEqual(64);
    expect(body.markdown.text).toContain('… (truncated)');
    expect(body.markdown.text.endsWith('@13800138000 @li.si')).toBe(true);
  });

  test('飞书: the whole JSON body, signature fields included, within 20 KB', () => {
    const req = robotRequest({ webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07', secret: 'k' }, { ...ALERT, lines: long(2000) }, { locale: 'zh-CN', nowMs: Date.UTC(2026, 0, 1), primitives: p });
    expect(utf8Length(req.payload)).toBeLessThanOrEqual(FEISHU_BODY_MAX_BYTES);
    expect(utf8Length(req.payload)).toBeGreaterThan(FEISHU_BODY_MAX_BYTES - 200);
    const body = JSON.parse(req.payload) as Post & { timestamp: string; sign: string };
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(JSON.stringify(body)).toContain(MARK);
  });

  test('truncation never exceeds the limit and never splits a character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 0, max: 600 }), fc.constantFrom(MARK, '…', ''), (s, max, mark) => {
        const out = truncateUtf8(s, max, mark);
        expect(utf8Length(out)).toBeLessThanOrEqual(Math.max(max, 0));
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        if (utf8Length(s) <= max) expect(out).toBe(s);
        else if (out.endsWith(mark) && mark !== '') expect(s.startsWith(out.slice(0, out.length - mark.length))).toBe(true);
        else expect(s.startsWith(out)).toBe(true);
        // The UTF-8 bytes of the result decode to it exactly: no character was cut in half.
        expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
      }),
    );
  });

  test('a cut keeps the most text that fits: one more character would not', () => {
    const unit = fc.constantFrom('a', 'é', '张', '😀', '1');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 200 }), fc.integer({ min: 20, max: 400 }), (s, max) => {
        fc.pre(utf8Length(s) > max);
        const out = truncateUtf8(s, max, MARK);
        expect(out.endsWith(MARK)).toBe(true);
        const kept = Array.from(out.slice(0, out.length - MARK.length));
        const next = Array.from(s)[kept.length]!;
        expect(utf8Length(kept.join('') + next + MARK)).toBeGreaterThan(max);
      }),
    );
  });

  test('measured as sent: a JSON measure counts the escapes JSON adds', () => {
    const fitsJson = (s: string) => utf8Length(JSON.stringify({ t: s })) <= 40;
    const out = fitText('"'.repeat(50), fitsJson, '…');
    expect(fitsJson(out)).toBe(true);
    expect(out).toBe('"'.repeat(Array.from(out).length - 1) + '…');
  });
});

describe('the request: only a platform\'s own webhook, signed where the platform signs', () => {
  test('robot webhook addresses are recognised; anything else is not', () => {
    expect(robotPlatformOf('https://oapi.dingtalk.com/robot/send?access_token=50cb6e954c89afa14fb97754eafd886d')).toBe('dingtalk');
    expect(robotPlatformOf('https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd')).toBe('feishu');
    expect(robotPlatformOf('https://open.larksuite.com/open-apis/bot/v2/hook/5e3d587e-d78e-4a07')).toBe('feishu');
    expect(robotPlatformOf(' https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0 ')).toBe('wecom');
    for (const bad of [
      'http://oapi.dingtalk.com/robot/send?access_token=50cb6e954c89afa1',
      'https://oapi.dingtalk.com.evil.example/robot/send?access_token=50cb6e954c89afa1',
      'https://oapi.dingtalk.com/robot/send?access_token=50cb6e954c89afa1&x=https://evil.example',
      'https://evil.example/cgi-bin/webhook/send?key=693a91f6-7xxx',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx#@evil.example',
    ]) expect(robotPlatformOf(bad)).toBeNull();
  });

  test('钉钉 is signed in the URL, 飞书 in the body, 企业微信 not at all; a foreign address throws', () => {
    const opts = { locale: 'zh-CN' as const, nowMs: Date.UTC(2026, 0, 1), primitives: p };
    const ding = robotRequest({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret: 'SECxyz' }, ALERT, opts);
    expect(ding.url).toMatch(/^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=abcdef123456&timestamp=1767225600000&sign=[A-Za-z0-9%]+$/);
    expect(ding.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(ding.payload)).toEqual(ding.message.body);
    const unsigned = robotRequest({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456' }, ALERT, opts);
    expect(unsigned.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abcdef123456');
    const fs = JSON.parse(robotRequest({ webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e', secret: 'k' }, ALERT, opts).payload) as Record<string, unknown>;
    expect(fs).toMatchObject({ timestamp: '1767225600', msg_type: 'post' });
    expect(typeof fs.sign).toBe('string');
    const wecom = robotRequest({ webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', secret: 'ignored' }, ALERT, opts);
    expect(wecom.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx');
    expect(wecom.payload).not.toContain('sign');
    expect(() => robotRequest({ webhookUrl: 'https://evil.example/hook' }, ALERT, opts)).toThrow(RangeError);
  });
});
