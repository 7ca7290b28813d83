/**
 * 客户管理 › 短信设置: the owner's dialog (src/ui/sms.html). 配置 › 短信 names
 * the provider and says what is sent (签名, 应用ID, 地域, templates, 每日上限);
 * here the owner stores the provider's key pair — 阿里云 AccessKey ID and
 * Secret, or 腾讯云 SecretId and SecretKey — in script properties, never in
 * the sheet, each checked for its provider's shape first (domain/sms-settings.ts);
 * sees what 配置 still lacks, today's count against the cap, the provider's
 * state (sending, retrying, refused, not set up) and the SMS waiting; and
 * fixes or clears it: 保存 and 恢复发送 both send what waits at once;
 * 清除待发短信 marks it 已清除 (never sent); 删除密钥 forgets the pair.
 * There is no test send: an SMS costs money and reaches a real customer.
 * Every call checks that the caller is the owner; the pair is never sent
 * back whole, nor written to 历史.
 */
import { SMS_MODE } from '../domain/config-values';
import { UNCONFIGURED } from '../domain/outbound';
import { blocksSending, checkSmsInput, maskKeyId, maskKeySecret, smsConfigGaps, type SmsKeyProvider } from '../domain/sms-settings';
import { OUTBOUND_KIND, SMS_HISTORY_ACTION } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { HISTORY } from '../sheets/schema';
import type { SmsAction, SmsElsewhere, SmsSettings, SmsStatus } from '../contracts/sms';
import { requireOwner } from './access';
import { CHANNELS } from './channels';
import { smsProviderName } from './sms';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { deliverOutbound, queueOverview, resumeOutboundTarget, targetState, waitingFor, type Answered } from './outbound';
import { formatDateTime, formatDay } from './platform';
import { allProperties, saveSmsSecret, smsDayIn, smsSecretIn } from './store';

const KIND = OUTBOUND_KIND.sms;
const PROVIDERS: readonly SmsKeyProvider[] = ['aliyun', 'tencent'];

function keyLabels(ctx: AppContext, p: SmsKeyProvider): { id: string; secret: string } {
  return p === 'aliyun'
    ? { id: ctx.t('sms.key.aliyun.id'), secret: ctx.t('sms.key.aliyun.secret') }
    : { id: ctx.t('sms.key.tencent.id'), secret: ctx.t('sms.key.tencent.secret') };
}

function view(ctx: AppContext, who: string, done = ''): SmsSettings {
  const sms = ctx.config.sms;
  const props = allProperties();
  const { waiting, lastAnswered } = queueOverview(ctx, props);
  const stored = smsSecretIn(props);
  const provider = sms.provider;
  const missing = smsConfigGaps(sms);
  const elsewhere: SmsElsewhere[] = PROVIDERS
    .filter((p) => p !== provider && (waiting.get(`${KIND}:${p}`) ?? 0) > 0)
    .map((p) => ({ provider: p, name: smsProviderName(ctx, p), waiting: waiting.get(`${KIND}:${p}`) ?? 0 }));
  let status: SmsStatus = 'ok';
  let detail = '';
  if (provider !== 'none') {
    const state = targetState(KIND, provider, props);
    if (!stored || stored.provider !== provider || missing.some(blocksSending)) status = 'unset';
    else if (state.refused && state.refused.code !== UNCONFIGURED) {
      status = 'refused';
      detail = ctx.t('sms.dialog.refusedDetail', { code: state.refused.code, message: state.refused.message || '—', at: formatDateTime(new Date(state.refused.at), ctx.timeZone) });
    } else if (state.retryAt > Date.now()) {
      status = 'retrying';
      detail = ctx.t('sms.dialog.retryDetail', { at: formatDateTime(new Date(state.retryAt), ctx.timeZone) });
    }
  }
  const current = stored && stored.provider === provider ? stored : null;
  const other = stored && stored.provider !== provider ? stored.provider : '';
  return {
    locale: ctx.locale,
    owner: who,
    provider,
    providerName: provider === 'none' ? '' : smsProviderName(ctx, provider),
    signName: sms.signName,
    appId: sms.appId,
    region: sms.region,
    templates: { ...sms.templates },
    mode: SMS_MODE.format(sms.mode),
    missing,
    today: smsDayIn(props, formatDay(ctx.now, ctx.timeZone)).count,
    dailyCap: sms.dailyCap,
    keyLabels: provider === 'none' ? null : keyLabels(ctx, provider),
    id: current ? maskKeyId(current.id) : '',
    secret: current ? maskKeySecret(current.secret) : '',
    storedFor: other,
    storedForName: other ? smsProviderName(ctx, other) : '',
    status,
    detail,
    waiting: provider === 'none' ? 0 : waiting.get(`${KIND}:${provider}`) ?? 0,
    last: provider === 'none' ? '' : lastText(ctx, lastAnswered.get(`${KIND}:${provider}`)),
    elsewhere,
    done,
  };
}

/** The latest SMS the current provider answered, as the dialog says it ('' when none yet). */
function lastText(ctx: AppContext, last: Answered | undefined): string {
  if (!last) return '';
  return ctx.t('sms.dialog.last', { ticket: last.ticketNo, event: last.event, state: last.state, at: formatDateTime(last.at, ctx.timeZone), result: last.result || '—' });
}

/** The dialog's data, for the owner only. */
export function smsSettings(ctx: AppContext): SmsSettings {
  return view(ctx, requireOwner());
}

function historyNote(ctx: AppContext, who: string, action: string, note: string) {
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: who, [HISTORY.col.action]: action,
    [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: note,
  }]);
}

/** The provider 配置 names, which must be the one the dialog showed (`shown`): a dialog left open across a change of 服务商 stores nothing. */
function currentProvider(ctx: AppContext, shown: unknown): SmsKeyProvider {
  const provider = ctx.config.sms.provider;
  if (provider === 'none') throw new UserError('sms.input.off');
  if (String(shown ?? '') !== provider) throw new UserError('sms.input.providerChanged', { provider: smsProviderName(ctx, provider) });
  return provider;
}

/**
 * The owner stores the key pair of the provider 配置 names (blank: keep what
 * is stored for it). Checked first; stored, the provider's refusal and
 * backoff cleared, the change in 历史 (never the values); what waited is
 * sent now.
 */
export function saveSms(ctx: AppContext, shown: unknown, id: unknown, secret: unknown): SmsSettings {
  const who = requireOwner();
  const provider = currentProvider(ctx, shown);
  const input = { id: String(id ?? ''), secret: String(secret ?? '') };
  const labels = keyLabels(ctx, provider);
  const checked = checkSmsInput(provider, input, smsSecretIn(allProperties()));
  if (!checked.ok) {
    const p = checked.problem;
    if (p.key === 'sms.input.wrongProvider') throw new UserError(p.key, { provider: smsProviderName(ctx, p.params.provider), given: smsProviderName(ctx, p.params.given) });
    if (p.key === 'sms.input.needBoth') throw new UserError(p.key, labels);
    throw new UserError(p.key);
  }
  const what = [...(checked.changed.id ? [labels.id] : []), ...(checked.changed.secret ? [labels.secret] : [])];
  const name = smsProviderName(ctx, provider);
  withScriptLock(() => {
    saveSmsSecret({ provider, id: checked.id, secret: checked.secret });
    resumeOutboundTarget(KIND, provider);
    historyNote(ctx, who, SMS_HISTORY_ACTION.settingsChanged, ctx.t('sms.history.saved', { provider: name, what: what.join(listSeparator(ctx.locale)) }));
  });
  const sent = deliverOutbound(ctx, CHANNELS);
  return view(ctx, who, ctx.t('sms.dialog.saved', { provider: name, sent: sent.sent }));
}

/**
 * 恢复发送 (the provider's side was fixed there: balance, signature,
 * template), 清除待发短信 (for the current provider, or one 配置 no longer
 * names), or 删除密钥 — for the owner only.
 */
export function smsAction(ctx: AppContext, providerArg: unknown, action: unknown): SmsSettings {
  const who = requireOwner();
  const provider = String(providerArg ?? '');
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new UserError('sms.input.badProvider', { provider: provider.slice(0, 40) });
  const p = provider as SmsKeyProvider;
  const name = smsProviderName(ctx, p);
  const act = String(action) as SmsAction;
  if (act === 'resume') {
    currentProvider(ctx, p);
    withScriptLock(() => resumeOutboundTarget(KIND, p));
    const sent = deliverOutbound(ctx, CHANNELS);
    return view(ctx, who, ctx.t('sms.dialog.resumed', { provider: name, sent: sent.sent }));
  }
  if (act === 'purge') {
    const purged = withScriptLock(() => {
      const gone = waitingFor(ctx, KIND, p, true);
      historyNote(ctx, who, SMS_HISTORY_ACTION.purged, ctx.t('sms.history.purged', { provider: name, count: gone.length }));
      // Each ticket's own 历史 says its 短信已排队 will not be sent.
      const own = gone.filter((g) => g.ticketNo !== '').map((g) => ({
        [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: g.ticketNo, [HISTORY.col.actor]: who, [HISTORY.col.action]: SMS_HISTORY_ACTION.purged,
        [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: g.event, [HISTORY.col.note]: ctx.t('sms.history.purgedOne'),
      }));
      if (own.length) ctx.table(HISTORY).append(own);
      return gone.length;
    });
    return view(ctx, who, ctx.t('sms.dialog.purged', { provider: name, count: purged }));
  }
  if (act === 'forget') {
    withScriptLock(() => {
      const stored = smsSecretIn(allProperties());
      if (!stored || stored.provider !== p) throw new UserError('sms.input.nothingStored');
      saveSmsSecret(null);
      historyNote(ctx, who, SMS_HISTORY_ACTION.settingsChanged, ctx.t('sms.history.forgotten', { provider: name }));
    });
    return view(ctx, who, ctx.t('sms.dialog.forgotten', { provider: name }));
  }
  throw new UserError('sms.input.badAction');
}
