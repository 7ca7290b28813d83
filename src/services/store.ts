/**
 * Small durable state in script properties, and the only module that reads
 * or writes them: per-day number counters and the routing rotation (read once
 * and written once per submission), the two keys (keys.ts makes and uses
 * them), the Forms' ids, the setup flag, and the sweep, report and admin-alert markers.
 * Getting the properties handle is itself a service call, so a read that is
 * followed by a write hands back a writer on the same handle.
 */
import { emptyAckLedger, type AckLedger } from '../domain/ack-limits';
import { parseConsentVersions, withConsentText, type ConsentVersion } from '../domain/consent';
import type { ReportKind } from '../domain/report-periods';
import type { SelfCheckNonce } from '../domain/self-check';
import type { RetiredOptions, StoredLayout } from '../domain/form-layout';
import { parseTargetState, serialiseTargetState, type FetchDay, type TargetState } from '../domain/outbound';

export const PROP = {
  fieldKey: 'FIELD_KEY_V1',
  indexKey: 'INDEX_KEY_V1',
  formId: 'FORM_ID',
  surveyFormId: 'SURVEY_FORM_ID',
  setupDone: 'SETUP_VERSION',
  /** Who ran setup first: the account the Forms and triggers belong to. */
  setupOwner: 'SETUP_OWNER',
  /** Where the next Form sweep reads from (ms): the oldest response it has not filed, at the latest. */
  sweepFrom: 'SWEEP_FROM',
  /** Since when intake cannot file, and why (`sinceMs reason`): the admin was told once. */
  intakeOutage: 'INTAKE_OUTAGE',
  /** When an import last stopped early (ms); cleared when one completes. */
  importUnfinished: 'IMPORT_UNFINISHED',
  /** The last self-check's nonce and expiry (`nonce:expiresAtMs`): what marks its test response. */
  selfCheckNonce: 'SELF_CHECK_NONCE',
  /**
   * Who may reveal sensitive fields and who may edit 配置 (domain/access.ts),
   * set by the owner only: a spreadsheet editor cannot change it from the sheets.
   */
  access: 'ACCESS_V1',
  /** The wordings of 表单 / 同意声明 customers have seen (JSON: id, digest, since when), oldest first. */
  consentVersions: 'CONSENT_VERSIONS',
  /** When the batch run for deferred Form submissions is due (ms): one is pending. */
  intakeContinueDue: 'INTAKE_CONTINUE_DUE',
  /** How 负责人 shows each person (JSON: shown and every label ever shown, label → email): a renamed person's old label still finds them. */
  ownerLabels: 'OWNER_LABELS',
  /** The intake Form's items by key (JSON StoredLayout): which item is which field, and what each last showed. */
  formLayout: 'FORM_LAYOUT',
  /** Options the Form no longer offers that earlier answers may carry (JSON: field key → options). */
  retiredOptions: 'RETIRED_OPTIONS',
  /** The local day (yyyyMMdd) whose 定期更新 mails are all out: later runs that day read nothing. */
  refreshDoneDay: 'REFRESH_DONE_DAY',
  /** When the one-off run sending 通知队列's waiting messages is due (ms): one is pending. */
  outboundContinueDue: 'OUTBOUND_CONTINUE_DUE',
  /** The notification fetches counted today (JSON FetchDay): the add-on's own daily cap. */
  outboundDay: 'OUTBOUND_DAY',
  /** Per form tool, its push token and (问卷星) 推送密钥 (JSON, domain/form-tool-secrets.ts), set by the owner only. */
  formToolSecrets: 'FORM_TOOL_SECRETS',
  /** The SMS provider's key pair the owner entered (JSON SmsSecret): 阿里云 AccessKey, 腾讯云 SecretId / SecretKey. */
  smsSecret: 'SMS_SECRET',
} as const;

const SEQ = 'seq:';
/** Per cause: when the admin was last mailed that the add-on stopped (ms). */
const ALERT_SENT = 'alert:last:';
const ROT = 'rot:';
/** Per report kind: the period key of the latest scheduled report settled. */
const REPORT_SENT = 'report:last:';
/** Per local day: reveals and refusals by actor (`{"email":[revealed,refused]}`). */
const REVEAL_AUDIT = 'audit:reveal:';
/** Per local day: the acknowledgements decided (AckLedger). */
const ACK_DAY = 'ack:';
/** Per 通知队列 target (`<kind>:<name>`): its rate window, backoff and refusal (JSON TargetState). */
const OUT_TARGET = 'out:target:';
/** Per request that a service accepted (its 批次): when. Written right after the answer, so a stopped run never sends it again. */
const OUT_SENT = 'out:sent:';
/** Per robot (its 配置 name): the webhook address and signing secret the owner entered (JSON RobotSecret). */
const ROBOT_SECRET = 'robot:secret:';
/** Per robot: the day its summary was recorded and whether it was told of the 待审核 backlog (JSON RobotMarks). */
const ROBOT_MARK = 'robot:mark:';
/** Per local day: the SMS recorded, stopped by the cap and not deliverable, and whether the admin heard of the cap (JSON SmsDay). */
const SMS_DAY = 'sms:day:';
/** Reveal audit (and SMS) days kept: a quarter's report and the one before it. */
const AUDIT_DAYS = 200;

export interface StoredState {
  /** Every script property, as read. */
  all: Record<string, string>;
  counters: Record<string, number>;
  rotation: Record<string, number>;
}

export function readState(): StoredState {
  const all = PropertiesService.getScriptProperties().getProperties();
  const counters: Record<string, number> = {};
  const rotation: Record<string, number> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(SEQ)) counters[k.slice(SEQ.length)] = Number(v) || 0;
    else if (k.startsWith(ROT)) rotation[k.slice(ROT.length)] = Number(v) || 0;
  }
  return { all, counters, rotation };
}

/** Writes the counters and rotation that changed, in one call. */
export function writeState(state: StoredState, counters: Record<string, number>, rotation: Record<string, number>): void {
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(counters)) if (state.counters[k] !== v) changed[SEQ + k] = String(v);
  for (const [k, v] of Object.entries(rotation)) if (state.rotation[k] !== v) changed[ROT + k] = String(v);
  if (Object.keys(changed).length) PropertiesService.getScriptProperties().setProperties(changed);
  state.counters = counters;
  state.rotation = rotation;
}

/** Whether setup has run in this workbook. */
export function isSetupDone(): boolean {
  return PropertiesService.getScriptProperties().getProperty(PROP.setupDone) !== null;
}

/** The intake Form's id; null before setup. */
export function intakeFormId(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROP.formId);
}

/** The survey Form's id; null before setup. */
export function surveyFormId(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROP.surveyFormId);
}

/** The account recorded as the setup owner; null before setup (or a setup from before owners were kept). */
export function setupOwner(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROP.setupOwner) || null;
}

/** Replaces the previous run's nonce: only the latest run's test response is ever skipped. */
export function saveSelfCheckNonce(n: SelfCheckNonce): void {
  PropertiesService.getScriptProperties().setProperty(PROP.selfCheckNonce, `${n.nonce}:${n.expiresAt}`);
}

export function readSelfCheckNonce(): SelfCheckNonce | null {
  const stored = PropertiesService.getScriptProperties().getProperty(PROP.selfCheckNonce);
  const m = stored ? /^([0-9a-f]+):(\d+)$/.exec(stored) : null;
  return m ? { nonce: m[1]!, expiresAt: Number(m[2]) } : null;
}

export interface SetupState {
  /** Every script property as setup found it (the keys it must not replace). */
  existing: Record<string, string>;
  formId: string | undefined;
  surveyFormId: string | undefined;
  /** The account that owns the Forms and triggers; undefined before the first setup (or one from before owners were kept). */
  owner: string | undefined;
  /** Setup has run here before. */
  done: boolean;
  /**
   * One write: the keys setup created, both Forms' ids, the owner, the setup
   * flag, and the report markers not started yet (`reportsDue`: the period of
   * each kind last due, so that no report is owed for a period before the install).
   */
  save(newKeys: Record<string, string>, formId: string, surveyFormId: string, owner: string, reportsDue: Record<ReportKind, string>): void;
}

export function readSetupState(): SetupState {
  const props = PropertiesService.getScriptProperties();
  const existing = props.getProperties();
  return {
    existing,
    formId: existing[PROP.formId],
    surveyFormId: existing[PROP.surveyFormId],
    owner: existing[PROP.setupOwner] || undefined,
    done: existing[PROP.setupDone] !== undefined,
    save: (newKeys, formId, surveyFormId, owner, reportsDue) =>
      props.setProperties({
        ...Object.fromEntries(Object.entries(reportsDue).map(([kind, key]) => [REPORT_SENT + kind, key] as const).filter(([k]) => existing[k] === undefined)),
        ...newKeys, [PROP.formId]: formId, [PROP.surveyFormId]: surveyFormId, [PROP.setupOwner]: owner, [PROP.setupDone]: '1',
      }),
  };
}

export interface IntakeOutage {
  sinceMs: number;
  reason: string;
}

export interface SweepState {
  formId: string | undefined;
  /** Where this sweep reads from (ms); 0 before the first sweep, which reads every response. */
  from: number;
  outage: IntakeOutage | null;
  markFrom(ms: number): void;
  clearOutage(): void;
}

function outageOf(stored: string | undefined): IntakeOutage | null {
  const m = stored ? /^(\d+) ([\s\S]*)$/.exec(stored) : null;
  return m ? { sinceMs: Number(m[1]), reason: m[2]! } : null;
}

export function readSweepState(): SweepState {
  const props = PropertiesService.getScriptProperties();
  const stored = props.getProperties();
  return {
    formId: stored[PROP.formId],
    from: Number(stored[PROP.sweepFrom]) || 0,
    outage: outageOf(stored[PROP.intakeOutage]),
    markFrom: (ms) => props.setProperty(PROP.sweepFrom, String(ms)),
    clearOutage: () => props.deleteProperty(PROP.intakeOutage),
  };
}

export function readIntakeOutage(): IntakeOutage | null {
  return outageOf(PropertiesService.getScriptProperties().getProperty(PROP.intakeOutage) ?? undefined);
}

export function saveIntakeOutage(o: IntakeOutage): void {
  PropertiesService.getScriptProperties().setProperty(PROP.intakeOutage, `${o.sinceMs} ${o.reason}`);
}

/** When an import last stopped early with rows left; null when none is unfinished. */
export function importUnfinishedAt(): number | null {
  const stored = PropertiesService.getScriptProperties().getProperty(PROP.importUnfinished);
  return stored ? Number(stored) : null;
}

/** Whether the day's 定期更新 mails are all out (services/refresh.ts). */
export function refreshDoneOn(day: string): boolean {
  return PropertiesService.getScriptProperties().getProperty(PROP.refreshDoneDay) === day;
}

export function markRefreshDone(day: string): void {
  PropertiesService.getScriptProperties().setProperty(PROP.refreshDoneDay, day);
}

export function markImportUnfinished(ms: number | null): void {
  const props = PropertiesService.getScriptProperties();
  if (ms === null) props.deleteProperty(PROP.importUnfinished);
  else props.setProperty(PROP.importUnfinished, String(ms));
}

/** Per report kind, the period key of the latest scheduled report settled (see domain/report-periods isSettled). */
export interface ReportMarkers {
  settled(kind: ReportKind): string | null;
  markSettled(kind: ReportKind, periodKey: string): void;
}

/** The markers of every report kind, in one read. */
export function readReportMarkers(): ReportMarkers {
  const props = PropertiesService.getScriptProperties();
  const stored = props.getProperties();
  return {
    settled: (kind) => stored[REPORT_SENT + kind] ?? null,
    markSettled: (kind, periodKey) => {
      props.setProperty(REPORT_SENT + kind, periodKey);
      stored[REPORT_SENT + kind] = periodKey;
    },
  };
}

export interface AlertMarker {
  /** The setup owner, whom the alert goes to; null when unknown. */
  owner: string | null;
  /** When this cause was last mailed (ms; 0 when never). */
  lastSent: number;
  markSent(atMs: number): void;
}

export function readAlertMarker(cause: string): AlertMarker {
  const props = PropertiesService.getScriptProperties();
  const stored = props.getProperties();
  const key = ALERT_SENT + cause;
  return {
    owner: stored[PROP.setupOwner] || null,
    lastSent: Number(stored[key]) || 0,
    markSent: (atMs) => props.setProperty(key, String(atMs)),
  };
}

export interface OwnerLabels {
  /** Label → email as 负责人 shows people now. */
  shown: Record<string, string>;
  /** Every label ever shown → its person. */
  known: Record<string, string>;
}

/** Empty before the first setup that showed names, or when unreadable. */
export function storedOwnerLabels(): OwnerLabels {
  const strings = (o: unknown): Record<string, string> =>
    o && typeof o === 'object' && !Array.isArray(o) ? Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  try {
    const parsed = JSON.parse(PropertiesService.getScriptProperties().getProperty(PROP.ownerLabels) ?? '{}') as Partial<Record<keyof OwnerLabels, unknown>> | null;
    return { shown: strings(parsed?.shown), known: strings(parsed?.known) };
  } catch {
    return { shown: {}, known: {} };
  }
}

export function saveOwnerLabels(labels: OwnerLabels): void {
  PropertiesService.getScriptProperties().setProperty(PROP.ownerLabels, JSON.stringify(labels));
}

/** The owner's stored access lists (JSON, domain/access.ts); null when never set. */
export function storedAccess(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROP.access);
}

export function saveAccess(json: string): void {
  PropertiesService.getScriptProperties().setProperty(PROP.access, json);
}

/** Reveals and refusals per day (yyyy-MM-dd) and actor. */
export type RevealAudit = Record<string, Record<string, [number, number]>>;

function auditOf(stored: string | undefined): Record<string, [number, number]> {
  try {
    const v: unknown = JSON.parse(stored ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, [number, number]>) : {};
  } catch {
    return {};
  }
}

/**
 * Counts one reveal (or refusal) of `actor` on `day`, where no spreadsheet
 * editor can change it; days older than the reports read are dropped.
 */
export function countReveal(day: string, actor: string, revealed: boolean): void {
  const props = PropertiesService.getScriptProperties();
  const all = props.getProperties();
  const counts = auditOf(all[REVEAL_AUDIT + day]);
  const [ok, refused] = counts[actor] ?? [0, 0];
  counts[actor] = revealed ? [ok + 1, refused] : [ok, refused + 1];
  props.setProperty(REVEAL_AUDIT + day, JSON.stringify(counts));
  const days = Object.keys(all).filter((k) => k.startsWith(REVEAL_AUDIT)).sort();
  for (const old of days.slice(0, Math.max(0, days.length - AUDIT_DAYS))) props.deleteProperty(old);
}

/** Every stored day of the reveal audit. */
export function readRevealAudit(all: Readonly<Record<string, string>>): RevealAudit {
  const out: RevealAudit = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(REVEAL_AUDIT)) out[k.slice(REVEAL_AUDIT.length)] = auditOf(v);
  }
  return out;
}

export interface StoredAckLedger {
  ledger: AckLedger;
  /** Writes the day's ledger, and drops the earlier days'. */
  save(ledger: AckLedger): void;
}

/** The acknowledgements of one local day (read and written under the script lock). */
export function readAckLedger(day: string): StoredAckLedger {
  const props = PropertiesService.getScriptProperties();
  const all = props.getProperties();
  let ledger = emptyAckLedger();
  try {
    const v = JSON.parse(all[ACK_DAY + day] ?? 'null') as AckLedger | null;
    if (v && typeof v === 'object' && typeof v.sent === 'number') ledger = { sent: v.sent, skipped: Number(v.skipped) || 0, to: v.to ?? {}, recentNew: Array.isArray(v.recentNew) ? v.recentNew : [] };
  } catch {
    // An unreadable ledger starts the day again: the limits err on the side of one more mail, never a lost ticket.
  }
  return {
    ledger,
    save: (l) => {
      props.setProperty(ACK_DAY + day, JSON.stringify(l));
      for (const k of Object.keys(all)) if (k.startsWith(ACK_DAY) && k !== ACK_DAY + day) props.deleteProperty(k);
    },
  };
}

/** The consent versions among properties already read (intake's StoredState.all). */
export function consentVersionsIn(all: Readonly<Record<string, string>>): ConsentVersion[] {
  return parseConsentVersions(all[PROP.consentVersions]);
}

/** Records the sentence of digest `hash` as the version in force from `nowMs`, unless it is the latest already. */
export function recordConsentText(hash: string, nowMs: number): void {
  const props = PropertiesService.getScriptProperties();
  const next = withConsentText(parseConsentVersions(props.getProperty(PROP.consentVersions) ?? undefined), hash, nowMs);
  if (next) props.setProperty(PROP.consentVersions, JSON.stringify(next));
}

/** When the pending batch run for deferred submissions is due (ms), or null. */
export function intakeContinueDue(): number | null {
  const v = Number(PropertiesService.getScriptProperties().getProperty(PROP.intakeContinueDue));
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function markIntakeContinueDue(ms: number | null): void {
  const props = PropertiesService.getScriptProperties();
  if (ms === null) props.deleteProperty(PROP.intakeContinueDue);
  else props.setProperty(PROP.intakeContinueDue, String(ms));
}

/** What the intake Form holds of ours and the options retired from it (one read). */
export function readFormLayout(): { layout: StoredLayout | null; retired: RetiredOptions } {
  const all = PropertiesService.getScriptProperties().getProperties();
  return { layout: parseJson<StoredLayout>(all[PROP.formLayout] ?? null), retired: parseJson<RetiredOptions>(all[PROP.retiredOptions] ?? null) ?? {} };
}

export function saveFormLayout(layout: StoredLayout, retired: RetiredOptions): void {
  PropertiesService.getScriptProperties().setProperties({ [PROP.formLayout]: JSON.stringify(layout), [PROP.retiredOptions]: JSON.stringify(retired) });
}

/** The options retired from the Form, by field key, with when (an answer given before then was valid). */
export function retiredFormOptions(): RetiredOptions {
  return parseJson<RetiredOptions>(PropertiesService.getScriptProperties().getProperty(PROP.retiredOptions)) ?? {};
}

/** The item keys of the Form's items by id: how an answer to a renamed item still names its field. */
export function formItemKeys(): Map<number, string> {
  const layout = parseJson<StoredLayout>(PropertiesService.getScriptProperties().getProperty(PROP.formLayout));
  return new Map(Object.entries(layout?.items ?? {}).map(([key, item]) => [item.id, key]));
}

function parseJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Every script property, in one read (a caller that needs several of the kinds below). */
export function allProperties(): Record<string, string> {
  return PropertiesService.getScriptProperties().getProperties();
}

/** What the outbound queue keeps between executions. */
export interface OutboundStore {
  /** By target key (`<kind>:<name>`); a target never seen is absent. */
  targets: Record<string, TargetState>;
  day: FetchDay;
  /** 批次 of requests a service accepted whose rows may not say so yet, with when (ms). */
  sent: Map<string, number>;
}

/** The outbound queue's state among properties already read. */
export function outboundStoreIn(all: Readonly<Record<string, string>>): OutboundStore {
  const targets: Record<string, TargetState> = {};
  const sent = new Map<string, number>();
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(OUT_TARGET)) targets[k.slice(OUT_TARGET.length)] = parseTargetState(v);
    else if (k.startsWith(OUT_SENT)) sent.set(k.slice(OUT_SENT.length), Number(v) || 0);
  }
  const day = parseJson<FetchDay>(all[PROP.outboundDay] ?? null);
  return { targets, day: day && typeof day.day === 'string' ? { day: day.day, count: Number(day.count) || 0 } : { day: '', count: 0 }, sent };
}

export function readOutboundStore(): OutboundStore {
  return outboundStoreIn(allProperties());
}

/**
 * Writes what changed from `before` to `after` (call under the script lock):
 * the targets' states, the day's count, and the 批次 no longer needed, in at
 * most two calls.
 */
export function saveOutboundStore(before: OutboundStore, after: OutboundStore, nowMs: number): void {
  const props = PropertiesService.getScriptProperties();
  const changed: Record<string, string> = {};
  for (const [key, state] of Object.entries(after.targets)) {
    const text = serialiseTargetState(state, nowMs);
    if (!before.targets[key] || serialiseTargetState(before.targets[key], nowMs) !== text) changed[OUT_TARGET + key] = text;
  }
  if (after.day.day !== before.day.day || after.day.count !== before.day.count) changed[PROP.outboundDay] = JSON.stringify(after.day);
  if (Object.keys(changed).length) props.setProperties(changed);
  for (const id of before.sent.keys()) if (!after.sent.has(id)) props.deleteProperty(OUT_SENT + id);
}

/** A service accepted request `claim`: recorded at once, on a key of its own (no lock needed). */
export function recordClaimSent(claim: string, atMs: number): void {
  PropertiesService.getScriptProperties().setProperty(OUT_SENT + claim, String(atMs));
}

/** When the pending one-off run of the outbound queue is due (ms), or null. */
export function outboundContinueDue(): number | null {
  const v = Number(PropertiesService.getScriptProperties().getProperty(PROP.outboundContinueDue));
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function markOutboundContinueDue(ms: number | null): void {
  const props = PropertiesService.getScriptProperties();
  if (ms === null) props.deleteProperty(PROP.outboundContinueDue);
  else props.setProperty(PROP.outboundContinueDue, String(ms));
}

/** A robot's webhook address (it holds the access token) and its 加签 / 签名校验 secret ('' when none). */
export interface RobotSecret {
  url: string;
  secret: string;
}

/** The stored address and secret of the robot named `name`, among properties already read; null when none. */
export function robotSecretIn(all: Readonly<Record<string, string>>, name: string): RobotSecret | null {
  const v = parseJson<Partial<RobotSecret>>(all[ROBOT_SECRET + name] ?? null);
  return v && typeof v.url === 'string' && v.url !== '' ? { url: v.url, secret: typeof v.secret === 'string' ? v.secret : '' } : null;
}

/** Every robot name with a stored address (a 配置 row renamed or removed leaves its old name here). */
export function robotNamesIn(all: Readonly<Record<string, string>>): string[] {
  return Object.keys(all).filter((k) => k.startsWith(ROBOT_SECRET)).map((k) => k.slice(ROBOT_SECRET.length));
}

/** Stores (or, with null, forgets) a robot's address and secret: the owner's dialog only. */
export function saveRobotSecret(name: string, secret: RobotSecret | null): void {
  const props = PropertiesService.getScriptProperties();
  if (secret === null) props.deleteProperty(ROBOT_SECRET + name);
  else props.setProperty(ROBOT_SECRET + name, JSON.stringify(secret));
}

export interface RobotMarks {
  /** The local day (yyyy-MM-dd) whose summary was recorded. */
  daily: string;
  /** Told that 待审核 holds more than its threshold; cleared once it holds no more. */
  backlogAbove: boolean;
}

export function robotMarksIn(all: Readonly<Record<string, string>>, name: string): RobotMarks {
  const v = parseJson<Partial<RobotMarks>>(all[ROBOT_MARK + name] ?? null);
  return { daily: typeof v?.daily === 'string' ? v.daily : '', backlogAbove: v?.backlogAbove === true };
}

/** Writes the robots' marks that changed, in one call (under the script lock). */
export function saveRobotMarks(marks: Readonly<Record<string, RobotMarks>>): void {
  const entries = Object.entries(marks);
  if (entries.length) PropertiesService.getScriptProperties().setProperties(Object.fromEntries(entries.map(([name, m]) => [ROBOT_MARK + name, JSON.stringify(m)])));
}

/** The form tools' push secrets as stored (JSON, domain/form-tool-secrets.ts); null when none was ever made. */
export function storedFormToolSecrets(): string | null {
  return PropertiesService.getScriptProperties().getProperty(PROP.formToolSecrets);
}

export function saveFormToolSecrets(json: string): void {
  PropertiesService.getScriptProperties().setProperty(PROP.formToolSecrets, json);
}

/** The SMS provider's key pair, for the provider it was entered for. */
export interface SmsSecret {
  provider: 'aliyun' | 'tencent';
  /** 阿里云 AccessKey ID, 腾讯云 SecretId. */
  id: string;
  /** 阿里云 AccessKey Secret, 腾讯云 SecretKey. */
  secret: string;
}

/** The stored key pair among properties already read; null when none (or unreadable). */
export function smsSecretIn(all: Readonly<Record<string, string>>): SmsSecret | null {
  const v = parseJson<Partial<SmsSecret>>(all[PROP.smsSecret] ?? null);
  if (!v || (v.provider !== 'aliyun' && v.provider !== 'tencent') || typeof v.id !== 'string' || typeof v.secret !== 'string' || !v.id || !v.secret) return null;
  return { provider: v.provider, id: v.id, secret: v.secret };
}

/** Stores (or, with null, forgets) the key pair: the owner's dialog only. */
export function saveSmsSecret(secret: SmsSecret | null): void {
  const props = PropertiesService.getScriptProperties();
  if (secret === null) props.deleteProperty(PROP.smsSecret);
  else props.setProperty(PROP.smsSecret, JSON.stringify(secret));
}

/** The SMS of one local day: recorded (queued or sent; what 每日上限 counts), stopped by the cap, refused for their number; `told`: the admin heard the cap was reached. */
export interface SmsDay {
  day: string;
  count: number;
  capped: number;
  undeliverable: number;
  told: boolean;
}

function smsDayOf(day: string, text: string | undefined): SmsDay {
  const v = parseJson<Partial<SmsDay>>(text ?? null);
  const n = (x: unknown) => (typeof x === 'number' && x > 0 ? Math.floor(x) : 0);
  return { day, count: n(v?.count), capped: n(v?.capped), undeliverable: n(v?.undeliverable), told: v?.told === true };
}

/** Today's SMS among properties already read (none yet: zeros). */
export function smsDayIn(all: Readonly<Record<string, string>>, today: string): SmsDay {
  return smsDayOf(today, all[SMS_DAY + today]);
}

/** Call under the script lock, with the day read in it; days past the kept ones are deleted (`all`: every property, as read). */
export function saveSmsDay(day: SmsDay, all: Readonly<Record<string, string>>): void {
  const props = PropertiesService.getScriptProperties();
  props.setProperty(SMS_DAY + day.day, JSON.stringify(day));
  const days = Object.keys(all).filter((k) => k.startsWith(SMS_DAY) && k !== SMS_DAY + day.day).sort();
  for (const old of days.slice(0, Math.max(0, days.length + 1 - AUDIT_DAYS))) props.deleteProperty(old);
}

/** Adds SMS refused for their number to `day`'s count (under the script lock: a settle of the queue). */
export function countUndeliverableSms(day: string, n: number): void {
  if (n <= 0) return;
  const props = PropertiesService.getScriptProperties();
  const d = smsDayOf(day, props.getProperty(SMS_DAY + day) ?? undefined);
  props.setProperty(SMS_DAY + day, JSON.stringify({ ...d, undeliverable: d.undeliverable + n }));
}

/** Every kept day's SMS among properties already read, for the reports. */
export function readSmsDays(all: Readonly<Record<string, string>>): SmsDay[] {
  return Object.keys(all).filter((k) => k.startsWith(SMS_DAY)).map((k) => smsDayOf(k.slice(SMS_DAY.length), all[k]));
}
