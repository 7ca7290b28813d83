/**
 * 客户管理 › 群机器人设置: the owner's dialog (src/ui/robots.html). The 配置 ›
 * 通知 row names a robot and says what it is sent; here the owner stores its
 * webhook address (which holds its access token) and signing secret in script
 * properties — never in the sheet — each checked against the platform's
 * allow-list first, sees each robot's state (sending, retrying, refused, not
 * set up, messages waiting), and fixes or clears it: 保存 a new address or
 * secret and 恢复发送 both send what waits at once; 清除待发消息 marks it
 * 已清除 (never sent); 删除 forgets the address. Every call checks that the
 * caller is the owner; the secret is never sent back whole.
 */
import { PLATFORM_NAMES } from '../domain/config-robots';
import { UNCONFIGURED } from '../domain/outbound';
import { describeEvents, testAlert } from '../domain/robot-alerts';
import { checkRobotInput, maskSecret, maskUrl } from '../domain/robot-settings';
import { OUTBOUND_KIND, ROBOT_EVENT, ROBOT_HISTORY_ACTION } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { HISTORY } from '../sheets/schema';
import type { RobotAction, RobotSettings, RobotStatus, RobotView } from '../contracts/robots';
import { requireOwner } from './access';
import { CHANNELS } from './channels';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { deliverOutbound, recordOutbound, resumeOutboundTarget, sendClaims, targetState, waitingCounts, waitingFor } from './outbound';
import { formatDateTime } from './platform';
import { allProperties, robotNamesIn, robotSecretIn, saveRobotSecret } from './store';

const KIND = OUTBOUND_KIND.robot;

function view(ctx: AppContext, owner: string, done = ''): RobotSettings {
  const props = allProperties();
  const waiting = waitingCounts(ctx, props);
  const names = [...ctx.config.robots.map((r) => r.name), ...robotNamesIn(props).filter((n) => !ctx.config.robots.some((r) => r.name === n))];
  for (const key of waiting.keys()) {
    const name = key.slice(KIND.length + 1);
    if (key.startsWith(`${KIND}:`) && !names.includes(name)) names.push(name);
  }
  const robots: RobotView[] = names.map((name) => {
    const robot = ctx.config.robots.find((r) => r.name === name);
    const stored = robotSecretIn(props, name);
    const state = targetState(KIND, name, props);
    let status: RobotStatus = 'ok';
    let detail = '';
    if (!robot || !stored) status = 'unset';
    else if (state.refused && state.refused.code !== UNCONFIGURED) {
      status = 'refused';
      detail = ctx.t('robots.dialog.refusedDetail', { code: state.refused.code, message: state.refused.message || '—', at: formatDateTime(new Date(state.refused.at), ctx.timeZone) });
    } else if (state.retryAt > Date.now()) {
      status = 'retrying';
      detail = ctx.t('robots.dialog.retryDetail', { at: formatDateTime(new Date(state.retryAt), ctx.timeZone) });
    }
    return {
      name,
      platform: robot ? PLATFORM_NAMES[robot.platform] : '',
      events: robot ? describeEvents(ctx.locale, robot.events) : '',
      inConfig: Boolean(robot),
      signs: robot ? robot.platform !== 'wecom' : false,
      url: stored ? maskUrl(stored.url) : '',
      secret: stored ? maskSecret(stored.secret) : '',
      status,
      detail,
      waiting: waiting.get(`${KIND}:${name}`) ?? 0,
    };
  });
  return { locale: ctx.locale, owner, robots, done };
}

/** The dialog's data, for the owner only. */
export function robotSettings(ctx: AppContext): RobotSettings {
  return view(ctx, requireOwner());
}

function historyNote(ctx: AppContext, owner: string, action: string, note: string) {
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: owner, [HISTORY.col.action]: action,
    [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: note,
  }]);
}

/**
 * The owner stores a robot's address and secret (blank: keep what is
 * stored). Checked first; stored, the robot's refusal and backoff cleared,
 * the change in 历史 (never the values); what waited for it is sent now.
 */
export function saveRobot(ctx: AppContext, name: unknown, url: unknown, secret: unknown): RobotSettings {
  const owner = requireOwner();
  const robot = ctx.config.robots.find((r) => r.name === String(name ?? ''));
  if (!robot) throw new UserError('robots.input.unknown', { robot: String(name ?? '').slice(0, 40) });
  const input = { url: String(url ?? ''), secret: String(secret ?? '') };
  const checked = checkRobotInput(robot.platform, input, robotSecretIn(allProperties(), robot.name));
  if (!checked.ok) {
    const p = checked.problem;
    if (p.key === 'robots.input.wrongPlatform') throw new UserError(p.key, { platform: PLATFORM_NAMES[p.params.platform], given: PLATFORM_NAMES[p.params.given] });
    throw new UserError(p.key);
  }
  const changed = [
    ...(input.url.trim() ? [ctx.t('robots.history.url')] : []),
    ...(input.secret.trim() ? [ctx.t('robots.history.secret')] : []),
  ];
  withScriptLock(() => {
    saveRobotSecret(robot.name, { url: checked.url, secret: checked.secret });
    resumeOutboundTarget(KIND, robot.name);
    historyNote(ctx, owner, ROBOT_HISTORY_ACTION.settingsChanged, ctx.t('robots.history.saved', { robot: robot.name, what: changed.join(listSeparator(ctx.locale)) || '—' }));
  });
  const sent = deliverOutbound(ctx, CHANNELS);
  return view(ctx, owner, ctx.t('robots.dialog.saved', { robot: robot.name, sent: sent.sent }));
}

/**
 * 恢复发送 (the platform's setting was fixed there), 清除待发消息, 删除 (the
 * stored address and secret forgotten), or 发送测试消息 — for the owner only.
 */
export function robotAction(ctx: AppContext, name: unknown, action: unknown): RobotSettings {
  const owner = requireOwner();
  const robotName = String(name ?? '');
  const known = ctx.config.robots.some((r) => r.name === robotName) || robotNamesIn(allProperties()).includes(robotName) || (waitingCounts(ctx, allProperties()).get(`${KIND}:${robotName}`) ?? 0) > 0;
  if (!known) throw new UserError('robots.input.unknown', { robot: robotName.slice(0, 40) });
  const act = String(action) as RobotAction;
  if (act === 'resume') {
    withScriptLock(() => resumeOutboundTarget(KIND, robotName));
    const sent = deliverOutbound(ctx, CHANNELS);
    return view(ctx, owner, ctx.t('robots.dialog.resumed', { robot: robotName, sent: sent.sent }));
  }
  if (act === 'purge') {
    const purged = withScriptLock(() => {
      const n = waitingFor(ctx, KIND, robotName, true).length;
      historyNote(ctx, owner, ROBOT_HISTORY_ACTION.purged, ctx.t('robots.history.purged', { robot: robotName, count: n }));
      return n;
    });
    return view(ctx, owner, ctx.t('robots.dialog.purged', { robot: robotName, count: purged }));
  }
  if (act === 'forget') {
    withScriptLock(() => {
      saveRobotSecret(robotName, null);
      historyNote(ctx, owner, ROBOT_HISTORY_ACTION.settingsChanged, ctx.t('robots.history.forgotten', { robot: robotName }));
    });
    return view(ctx, owner, ctx.t('robots.dialog.forgotten', { robot: robotName }));
  }
  if (act === 'test') {
    const robot = ctx.config.robots.find((r) => r.name === robotName);
    if (!robot) throw new UserError('robots.input.unknown', { robot: robotName.slice(0, 40) });
    const message = { kind: KIND, target: robot.name, event: ROBOT_EVENT.test, ticketNo: '', body: JSON.stringify(testAlert(ctx.locale, robot.name, ctx.config.companyName)) };
    const claims = withScriptLock(() => {
      const props = allProperties();
      if (!robotSecretIn(props, robot.name)) throw new UserError('robots.input.noAddress', { robot: robot.name });
      // A test is the owner's own check: it goes now, whatever backoff or refusal the robot was in.
      resumeOutboundTarget(KIND, robot.name);
      return recordOutbound(ctx, CHANNELS, [message], allProperties());
    });
    const sent = sendClaims(ctx, CHANNELS, claims);
    const state = targetState(KIND, robot.name, allProperties());
    const done = sent.sent > 0
      ? ctx.t('robots.dialog.testSent', { robot: robot.name })
      : ctx.t('robots.dialog.testFailed', { robot: robot.name, detail: state.refused ? `${state.refused.code} ${state.refused.message}` : ctx.t('robots.dialog.testRetry') });
    return view(ctx, owner, done);
  }
  throw new UserError('robots.input.badAction');
}
