/**
 * The owner's 表单工具推送 settings: per form tool, whether its pushes are
 * taken, the token its push URL carries (made here, replaced on request),
 * and 问卷星's 推送密钥. Stored in script properties (store.ts), never in the
 * sheet; only the owner reads or changes them (as 敏感信息查看权限), and
 * every change is in 历史 without the secret.
 */
import { FORM_TOOLS, FORM_TOOL_NAMES, type FormTool } from '../domain/form-tool-push';
import { parseFormToolSecrets, pushUrl, readSignKey, serialiseFormToolSecrets, toolOfParameter, type FormToolSecrets } from '../domain/form-tool-secrets';
import { toHex } from '../domain/hex';
import { HISTORY_ACTION } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { HISTORY } from '../sheets/schema';
import type { FormToolSettings } from '../contracts/form-tools';
import { requireOwner } from './access';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { randomBytes } from './platform';
import { saveFormToolSecrets, storedFormToolSecrets } from './store';

/** The web app's URL, or null before it is deployed (Apps Script reference, Service.getUrl: "otherwise returns null"). */
export function webAppUrl(): string | null {
  try {
    return ScriptApp.getService().getUrl() || null;
  } catch {
    return null;
  }
}

function view(ctx: AppContext, owner: string, secrets: FormToolSecrets): FormToolSettings {
  const base = webAppUrl();
  return {
    locale: ctx.locale,
    owner,
    webAppUrl: base,
    tools: FORM_TOOLS.map((tool) => {
      const s = secrets[tool];
      return {
        tool, name: FORM_TOOL_NAMES[tool], enabled: s !== undefined,
        pushUrl: s && base ? pushUrl(base, tool, s.token) : null,
        ...(tool === 'wjx' ? { signKeySet: s?.signKey !== undefined } : {}),
      };
    }),
  };
}

/** The dialog's data, for the owner only. */
export function formToolSettings(ctx: AppContext): FormToolSettings {
  return view(ctx, requireOwner(), parseFormToolSecrets(storedFormToolSecrets()));
}

/**
 * For 设置说明: the push URLs when the owner asks, null for anyone else (who
 * is told to ask the owner). Never throws: the help dialog opens regardless.
 */
export function formToolSettingsIfOwner(ctx: AppContext): FormToolSettings | null {
  try {
    return formToolSettings(ctx);
  } catch (err) {
    if (err instanceof UserError) return null;
    throw err;
  }
}

function toolOf(value: unknown): FormTool {
  const tool = toolOfParameter(value);
  if (!tool) throw new UserError('formToolIntake.unknownTool', { tool: String(value).slice(0, 40) });
  return tool;
}

/** Reads, changes and stores the secrets under the lock (two owners' tabs must not undo each other), then logs what changed (`edit` says what). */
function change(ctx: AppContext, tool: FormTool, edit: (s: FormToolSecrets) => HistoryNote): FormToolSettings {
  const owner = requireOwner();
  let note: HistoryNote = 'formToolIntake.history.enabled';
  const secrets = withScriptLock(() => {
    const s = parseFormToolSecrets(storedFormToolSecrets());
    note = edit(s);
    saveFormToolSecrets(serialiseFormToolSecrets(s));
    return s;
  });
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: owner, [HISTORY.col.action]: HISTORY_ACTION.formToolPushChanged,
    [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t(note, { tool: FORM_TOOL_NAMES[tool] }),
  }]);
  return view(ctx, owner, secrets);
}

type HistoryNote = 'formToolIntake.history.enabled' | 'formToolIntake.history.renewed' | 'formToolIntake.history.disabled'
  | 'formToolIntake.history.signKeySet' | 'formToolIntake.history.signKeyCleared';

/** A token made from 20 random bytes (hex): the old one, if any, stops working at once. */
function newToken(): string {
  return toHex(randomBytes(20));
}

/** Switches a tool's pushes on with a new token, or replaces its token (the tool's push URL must then be pasted again). */
export function renewFormToolToken(ctx: AppContext, toolCode: unknown): FormToolSettings {
  const tool = toolOf(toolCode);
  return change(ctx, tool, (s) => {
    const had = s[tool] !== undefined;
    s[tool] = { ...s[tool], token: newToken() };
    return had ? 'formToolIntake.history.renewed' : 'formToolIntake.history.enabled';
  });
}

/** Switches a tool's pushes off: its token (and 推送密钥) deleted, so its URL admits nothing. */
export function disableFormTool(ctx: AppContext, toolCode: unknown): FormToolSettings {
  const tool = toolOf(toolCode);
  return change(ctx, tool, (s) => {
    delete s[tool];
    return 'formToolIntake.history.disabled';
  });
}

/** 问卷星's 推送密钥, as its customer service gave it; blank clears it (pushes then admitted by the token alone). */
export function saveWjxSignKey(ctx: AppContext, typed: unknown): FormToolSettings {
  const blank = typeof typed !== 'string' || typed.trim() === '';
  const key = blank ? null : readSignKey(typed);
  if (!blank && key === null) throw new UserError('formToolIntake.badSignKey');
  return change(ctx, 'wjx', (s) => {
    const wjx = s.wjx;
    if (!wjx) throw new UserError('formToolIntake.signKeyNeedsToken');
    if (key === null) delete wjx.signKey;
    else wjx.signKey = key;
    return key === null ? 'formToolIntake.history.signKeyCleared' : 'formToolIntake.history.signKeySet';
  });
}
