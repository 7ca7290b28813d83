/**
 * A push from 金数据, 问卷星 or 腾讯问卷 (doPost with `?tool=…&token=…`) as an
 * intake channel: the tool's own body read (form-tool-push.ts), its token
 * and, for 问卷星 with a 推送密钥, its sign checked, its questions mapped by
 * 配置 › 表单工具 (form-tool-mapping.ts), then filed through the same
 * pipeline as every channel (validation, sealing, 待审核, one lock). The
 * entry's own ids are its source id, so a push the tool sends again files
 * nothing twice. The reply is the webhook's JSON: `status` and a `code`
 * that stays the same whatever the Config's language.
 */
import { describePushRefusal, mapPush } from '../domain/form-tool-mapping';
import { FORM_TOOL_NAMES, MAX_PUSH_TEXT, pushSourceId, pushSubmittedMs, readPush, type FormTool, type PushRefusal } from '../domain/form-tool-push';
import { parseFormToolSecrets, tokenAdmits, toolOfParameter } from '../domain/form-tool-secrets';
import { verifyPush, type Sha1Digest } from '../domain/form-tool-verify';
import { FORM_TOOL_CHANNEL } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { alertAdmin } from './admin-alert';
import type { AppContext } from './context';
import { intakeBatch, type IntakeOutcome } from './intake';
import { BusyError } from './lock';
import { sendRecorded } from './mail-queue';
import { sha256Hex } from './platform';
import { storedFormToolSecrets } from './store';

/** Why a push was not filed, beside the refusals of the body itself. */
export type FormToolCode = PushRefusal | 'disabled' | 'bad_token' | 'bad_signature' | 'missing_signature' | 'no_required_field' | 'busy';

/** A push's one result: the pipeline's outcome, or an edit or deletion of an answer, which files nothing. */
export type FormToolResult = (IntakeOutcome | { outcome: 'ignored'; code: 'not_new_entry'; problems: string[] }) & { index: 0 };

export interface FormToolReply {
  ok: boolean;
  status: number;
  /** The tool the URL named (its code), when it named one of the three. */
  tool?: FormTool;
  code?: FormToolCode | string;
  error?: string;
  results?: FormToolResult[];
  /** The questions no field took, by the name each is kept under in 备注 (titles or ids, never answers). */
  unmapped?: string[];
}

/** SHA-1 of the UTF-8 text, as signed bytes: what 问卷星's sign is checked with. */
const sha1: Sha1Digest = (text) => Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_1, text, Utilities.Charset.UTF_8);

/** The status each refusal answers with (the body's `status`: a web app cannot set the HTTP one). */
const STATUS: Readonly<Record<Exclude<FormToolCode, 'busy'>, number>> = {
  disabled: 403, bad_token: 401, bad_signature: 401, missing_signature: 401,
  not_json: 400, unknown_tool: 400, bad_shape: 400, no_entry_id: 400, id_too_long: 400, too_large: 413, not_new_entry: 200,
  no_required_field: 422,
};

export function handleFormToolPush(ctx: AppContext, e: GoogleAppsScript.Events.DoPost, toolParameter: unknown): FormToolReply {
  const tool = toolOfParameter(toolParameter);
  const refuse = (code: Exclude<FormToolCode, 'busy'>, error: string, at?: FormTool): FormToolReply =>
    ({ ok: false, status: STATUS[code], ...(at ? { tool: at } : {}), code, error });
  if (!tool) return refuse('unknown_tool', describePushRefusal('unknown_tool', ctx.locale));

  // The token first: nobody without it learns anything about the body or the mapping.
  const secrets = parseFormToolSecrets(storedFormToolSecrets());
  if (!secrets[tool]) return refuse('disabled', ctx.t('formToolIntake.disabled', { tool: FORM_TOOL_NAMES[tool] }), tool);
  if (!tokenAdmits(secrets, tool, e?.parameter?.token)) return refuse('bad_token', ctx.t('webhook.badToken'), tool);

  const text = e?.postData?.contents ?? '';
  if (text.length > MAX_PUSH_TEXT) return refuse('too_large', describePushRefusal('too_large', ctx.locale, tool), tool);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse('not_json', describePushRefusal('not_json', ctx.locale, tool), tool);
  }
  const signed = verifyPush(tool, body, { wjx: secrets.wjx?.signKey }, sha1);
  if (!signed.ok) return refuse(signed.refused, describePushRefusal(signed.refused, ctx.locale, tool), tool);

  const read = readPush(body, tool);
  if (!read.ok) {
    const error = describePushRefusal(read.refused, ctx.locale, tool);
    // An edit or a deletion at the tool changes no ticket; answered as done, so the tool does not send it again.
    if (read.refused === 'not_new_entry') return { ok: true, status: 200, tool, code: 'not_new_entry', results: [{ index: 0, outcome: 'ignored', code: 'not_new_entry', problems: [error] }] };
    return refuse(read.refused, error, tool);
  }
  const mapped = mapPush(read.push, ctx.config.formTools);
  if (!mapped.ok) {
    const error = describePushRefusal('no_required_field', ctx.locale, tool, mapped.questions);
    // The entry stays at the tool; only the admin can write the rows that would file it.
    alertAdmin('formToolUnmapped', ctx.locale, { tool: FORM_TOOL_NAMES[tool], questions: mapped.questions.slice(0, 40).join(listSeparator(ctx.locale)) || '—' }, tool);
    return refuse('no_required_field', error, tool);
  }

  let filed;
  try {
    filed = intakeBatch(ctx, [{
      answers: mapped.answers,
      channel: FORM_TOOL_CHANNEL[tool],
      handler: FORM_TOOL_NAMES[tool],
      sourceId: pushSourceId(read.push, sha256Hex),
      // 填写日期 is when the customer submitted at the tool (a push retried later keeps it); 录入时间 is now.
      receivedAt: new Date(pushSubmittedMs(read.push, ctx.now.getTime()) ?? ctx.now.getTime()),
    }]);
  } catch (err) {
    if (err instanceof BusyError) return { ok: false, status: 503, tool, code: 'busy', error: err.render(ctx.locale) };
    if (err instanceof UserError) return { ok: false, status: 500, tool, code: err.key, error: err.render(ctx.locale) };
    throw err;
  }
  const { outcome, outbox } = filed[0]!;
  sendRecorded(ctx, outbox);
  return { ok: true, status: 200, tool, results: [{ index: 0, ...outcome }], unmapped: mapped.unmapped.map((u) => u.name) };
}
