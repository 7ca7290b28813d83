/**
 * Robot replies read as the pipeline needs them, with the platforms' own
 * replies as their documents and users' reports show them.
 */
import { classifyRobotReply, ROBOT_RATE_LIMITS } from '../src/domain/robot-replies';

describe('钉钉', () => {
  test.each([
    [{ errcode: 0, errmsg: 'ok' }, 'ok'],
    [{ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }, 'rateLimited'],
    [{ errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' }, 'refused'],
    [{ errcode: 310000, errmsg: 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' }, 'refused'],
    [{ errcode: 310000, errmsg: 'ip X.X.X.X not in whitelist' }, 'refused'],
    [{ errcode: 300001, errmsg: 'token is not exist' }, 'refused'],
    [{ errcode: -1, errmsg: '系统繁忙' }, 'retry'],
  ])('%j is %s', (reply, kind) => {
    expect(classifyRobotReply('dingtalk', 200, JSON.stringify(reply))).toMatchObject({ kind, code: String(reply.errcode), message: reply.errmsg });
  });

  test('the rate-limit reply, with its extra fields, holds sending back the documented 10 minutes', () => {
    const body = '{"status":1111,"wait":5,"source":"x5","punish":"deny","uuid":"9ff0e7e2","errcode": 130101,"errmsg": "send too fast, exceed 20 times per minute"}';
    expect(classifyRobotReply('dingtalk', 200, body)).toEqual({ kind: 'rateLimited', code: '130101', message: 'send too fast, exceed 20 times per minute', retryAfterMs: 600_000 });
    expect(ROBOT_RATE_LIMITS.dingtalk.perMinute).toBe(20);
  });
});

describe('企业微信', () => {
  test.each([
    [{ errcode: 0, errmsg: 'ok' }, 'ok'],
    [{ errcode: 45009, errmsg: 'api freq out of limit, hint: [1773643642077182456917975]' }, 'rateLimited'],
    [{ errcode: 93000, errmsg: 'invalid webhook url, hint: [1755605200056773468916791], more info at https://open.work.weixin.qq.com/devtool/query?e=93000' }, 'refused'],
    [{ errcode: 40058, errmsg: 'markdown.content exceed max length 4096. invalid Request Parameter' }, 'refused'],
    [{ errcode: -1, errmsg: 'system busy' }, 'retry'],
  ])('%j is %s', (reply, kind) => {
    expect(classifyRobotReply('wecom', 200, JSON.stringify(reply)).kind).toBe(kind);
  });
});

describe('飞书', () => {
  test.each([
    [{ code: 0, msg: 'success', data: {} }, 'ok'],
    [{ Extra: null, StatusCode: 0, StatusMessage: 'success' }, 'ok'],
    [{ code: 11232, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]' }, 'rateLimited'],
    [{ code: 19021, data: {}, msg: 'sign match fail or timestamp is not within one hour from current time' }, 'refused'],
    [{ code: 19022, msg: 'Ip Not Allowed' }, 'refused'],
    [{ code: 19024, msg: 'Key Words Not Found' }, 'refused'],
    [{ code: 9499, msg: 'Bad Request', data: {} }, 'refused'],
  ])('%j is %s', (reply, kind) => {
    expect(classifyRobotReply('feishu', 200, JSON.stringify(reply)).kind).toBe(kind);
  });

  test('the rate limit waits a minute (100 a minute, 5 a second per robot)', () => {
    expect(classifyRobotReply('feishu', 200, '{"code":11232,"msg":"frequency limited"}').retryAfterMs).toBe(60_000);
    expect(ROBOT_RATE_LIMITS.feishu).toMatchObject({ perMinute: 100, perSecond: 5 });
  });
});

describe('replies no document names', () => {
  test('a code nobody documents is refused (reported once), not retried for ever', () => {
    expect(classifyRobotReply('dingtalk', 200, '{"errcode":999999,"errmsg":"新的错误"}')).toEqual({ kind: 'refused', code: '999999', message: '新的错误' });
    expect(classifyRobotReply('feishu', 200, '{"code":19999,"msg":"x"}').kind).toBe('refused');
  });

  test('a gateway page, an empty reply or a 5xx is retried; a 429 waits; a 404 page is refused', () => {
    expect(classifyRobotReply('wecom', 502, '<html>502 Bad Gateway</html>')).toEqual({ kind: 'retry', code: 'http 502', message: '<html>502 Bad Gateway</html>' });
    expect(classifyRobotReply('dingtalk', 200, '').kind).toBe('retry');
    expect(classifyRobotReply('feishu', 500, '{"code":19021,"msg":"sign match fail"}').kind).toBe('refused'); // the code decides when there is one
    expect(classifyRobotReply('feishu', 503, '{"code":123,"msg":"?"}').kind).toBe('retry');
    expect(classifyRobotReply('wecom', 429, 'Too Many Requests')).toMatchObject({ kind: 'rateLimited', retryAfterMs: 60_000 });
    expect(classifyRobotReply('dingtalk', 404, 'Not Found').kind).toBe('refused');
  });
});
