/**
 * 自检's rows for what the add-on sends out besides mail, each only where
 * 配置 turns it on: 群机器人 (every robot of 配置 › 通知 has an address
 * stored and is not refused) and 短信 (the provider's key pair, 签名, 应用ID
 * and a template are there, and the provider has not refused). Nothing is
 * sent: a test message would reach a group, and an SMS costs money and
 * reaches a person — the first real one's answer is in the ticket's 历史.
 */
import { UNCONFIGURED } from '../domain/outbound';
import { smsConfigGaps } from '../domain/sms-settings';
import { OUTBOUND_KIND, SELF_CHECK_RESULT } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import type { AppContext } from './context';
import { targetState, waitingCounts } from './outbound';
import { formatDay } from './platform';
import { smsProviderName } from './sms';
import type { Verdict } from './self-check';
import { allProperties, robotSecretIn, smsDayIn, smsSecretIn } from './store';

/** Null without a robot in 配置 › 通知. */
export function robotsCheck(ctx: AppContext): Verdict | null {
  const robots = ctx.config.robots;
  if (robots.length === 0) return null;
  const props = allProperties();
  const waiting = waitingCounts(ctx, props);
  const sep = listSeparator(ctx.locale);
  const unset = robots.filter((r) => !robotSecretIn(props, r.name)).map((r) => r.name);
  const refused = robots.filter((r) => {
    const s = targetState(OUTBOUND_KIND.robot, r.name, props).refused;
    return s !== null && s.code !== UNCONFIGURED;
  }).map((r) => r.name);
  const queued = robots.reduce((n, r) => n + (waiting.get(`${OUTBOUND_KIND.robot}:${r.name}`) ?? 0), 0);
  if (unset.length || refused.length) {
    const detail = [
      ...(unset.length ? [ctx.t('selfCheck.robotsUnset', { robots: unset.join(sep) })] : []),
      ...(refused.length ? [ctx.t('selfCheck.robotsRefused', { robots: refused.join(sep) })] : []),
    ].join(sep);
    return { result: SELF_CHECK_RESULT.fail, detail: `${detail}${ctx.t('selfCheck.outboundWaiting', { count: queued })}`, fix: ctx.t('selfCheck.fix.robots') };
  }
  return { result: SELF_CHECK_RESULT.pass, detail: `${ctx.t('selfCheck.robotsOk', { robots: robots.map((r) => r.name).join(sep) })}${ctx.t('selfCheck.outboundWaiting', { count: queued })}`, fix: '' };
}

/** Null while 配置 › 短信 › 服务商 is 无. */
export function smsCheck(ctx: AppContext): Verdict | null {
  const sms = ctx.config.sms;
  if (sms.provider === 'none') return null;
  const props = allProperties();
  const keysFor = smsSecretIn(props)?.provider ?? null;
  const gaps = smsConfigGaps(sms);
  const sep = listSeparator(ctx.locale);
  const problems = [
    ...(keysFor === null ? [ctx.t('sms.setup.noKeys')] : keysFor !== sms.provider ? [ctx.t('sms.setup.otherProviderKeys')] : []),
    ...(gaps.length ? [ctx.t('sms.dialog.missing', { what: gaps.map((g) => ctx.t(`sms.dialog.missing.${g}`)).join(sep) })] : []),
  ];
  const provider = smsProviderName(ctx, sms.provider);
  const waiting = waitingCounts(ctx, props).get(`${OUTBOUND_KIND.sms}:${sms.provider}`) ?? 0;
  if (problems.length) {
    return {
      result: SELF_CHECK_RESULT.fail,
      detail: `${problems.join(sep)}${ctx.t('selfCheck.outboundWaiting', { count: waiting })}`,
      fix: ctx.t('selfCheck.fix.sms'),
    };
  }
  const refused = targetState(OUTBOUND_KIND.sms, sms.provider, props).refused;
  if (refused && refused.code !== UNCONFIGURED) {
    return { result: SELF_CHECK_RESULT.fail, detail: ctx.t('selfCheck.smsRefused', { provider, code: refused.code, message: refused.message || '—', count: waiting }), fix: ctx.t('selfCheck.fix.sms') };
  }
  const today = smsDayIn(props, formatDay(ctx.now, ctx.timeZone));
  return { result: SELF_CHECK_RESULT.pass, detail: ctx.t('selfCheck.smsOk', { provider, sign: sms.signName, count: today.count, cap: sms.dailyCap }), fix: ctx.t('selfCheck.fix.smsFirst') };
}
