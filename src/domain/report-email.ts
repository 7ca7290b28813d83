/**
 * The report email: HTML for Gmail and Outlook on a phone (inline styles,
 * tables, bar charts drawn as table cells with a background colour, which
 * both render without images) and a plain-text part with the same content.
 * Every value that comes from the sheets is escaped; the mail names tickets
 * by number and staff by name, never a customer.
 */
import { escapeHtml } from './escape';
// Prose and lists break long runs; the report's tables keep their cells whole, so the frame does not.
import { BREAK_LONG, type RenderedMail } from './email';
import { localDate, localDateTime } from './local-time';
import { overdueHours, type Count, type PeriodFigures, type Rate, type ReportFigures } from './report-figures';
import type { Headline, Suggestion } from './report-headlines';
import { PHRASE_MIN_CUSTOMERS } from './report-phrases';
import type { RevealAuditFigures } from './report-audit';
import type { SmsFigures } from './report-sms';
import { usagePercent, type CellUsage } from './capacity';
import type { Anomaly } from './report-records';
import { workingHoursText } from './pause';
import type { QuarterlyReview, Share, Slice, SliceFigures, Spread } from './quarterly-review';
import { RETRO_STATUS } from './vocabulary';
import { format, translator, type Locale, type MessageKey } from '../i18n/messages';

export interface ReportMailInput {
  figures: ReportFigures;
  companyName: string;
  /** When the report was made, epoch ms, and the script zone's offset. */
  generatedAt: number;
  utcOffset: number;
  locale: Locale;
  /** The 工单 columns the deadline figures come from, named when a sheet lacks them. */
  stampColumns: { firstResponse: string; resolution: string };
  /** Reveals of sensitive fields in the period, and refusals, by whom. */
  audit: RevealAuditFigures;
  /** The period's SMS; null when SMS is off and none was sent (no section then). */
  sms: SmsFigures | null;
  /** How full the workbook is: a warning from 70% of Google's cap. */
  capacity: CellUsage;
  /** A year's statutory holidays missing from 配置 › 日历 (what, and what to add), or null. */
  holidays: { text: string; fix: string } | null;
}

/** Rows of the overdue list and row numbers of an anomaly shown in a mail. */
const OVERDUE_LIST = 20;
const ANOMALY_ROWS = 20;
const BAR_COLOUR = '#1a73e8';
const GOOD = '#188038';
const BAD = '#d93025';
const MUTED = '#5f6368';
const INK = '#202124';
const TEXT_BAR = 20;

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const percent = (r: number) => `${Math.round(r * 1000) / 10}%`;

class Renderer {
  private readonly html: string[] = [];
  private readonly text: string[] = [];

  constructor(readonly L: Locale) {}

  tr<K extends MessageKey>(key: K, params: Readonly<Record<string, string | number>> = {}): string {
    return format(key, params, this.L);
  }

  none(): string {
    return this.tr('report.none');
  }

  rateText(r: Rate | null): string {
    return r === null || r.rate === null ? this.none() : percent(r.rate);
  }

  section(titleKey: MessageKey): void {
    const title = this.tr(titleKey);
    this.html.push(
      `<h3 style="margin:22px 0 8px;padding-bottom:4px;border-bottom:1px solid #e8eaed;font-size:15px;color:${INK}">${escapeHtml(title)}</h3>`,
    );
    this.text.push('', `【${title}】`);
  }

  para(s: string, colour = INK): void {
    this.html.push(`<p style="margin:6px 0;font-size:14px;line-height:1.5;color:${colour};${BREAK_LONG}">${escapeHtml(s)}</p>`);
    this.text.push(s);
  }

  list(items: string[]): void {
    if (items.length === 0) return;
    this.html.push(
      `<ul style="margin:6px 0;padding-left:20px;font-size:14px;line-height:1.6;color:${INK};${BREAK_LONG}">` +
        items.map((i) => `<li>${escapeHtml(i)}</li>`).join('') +
        '</ul>',
    );
    this.text.push(...items.map((i) => `• ${i}`));
  }

  subtitle(s: string): void {
    this.html.push(`<p style="margin:12px 0 4px;font-size:13px;font-weight:bold;color:${MUTED}">${escapeHtml(s)}</p>`);
    this.text.push(`${s}：`);
  }

  /** A data table: header row, then rows; cells are plain strings (escaped here). */
  table(header: string[], rows: string[][], colours: (string | null)[][] = []): void {
    const th = header
      .map((h, i) => `<th style="padding:6px 8px;text-align:${i === 0 ? 'left' : 'right'};font-weight:bold;color:${MUTED};border-bottom:1px solid #dadce0;white-space:nowrap">${escapeHtml(h)}</th>`)
      .join('');
    const body = rows
      .map((r, ri) =>
        '<tr>' +
        r
          .map((c, i) => {
            const colour = colours[ri]?.[i] ?? INK;
            return `<td style="padding:6px 8px;text-align:${i === 0 ? 'left' : 'right'};color:${colour};border-bottom:1px solid #f1f3f4">${escapeHtml(c)}</td>`;
          })
          .join('') +
        '</tr>',
      )
      .join('');
    this.html.push(
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:13px;margin:4px 0"><tr>${th}</tr>${body}</table>`,
    );
    this.text.push(header.join(' | '), ...rows.map((r) => r.join(' | ')));
  }

  /** A horizontal bar chart: one row per count, the bar's length relative to the largest. */
  bars(counts: readonly Count[], total: number): void {
    if (counts.length === 0) {
      this.para(this.none(), MUTED);
      return;
    }
    const max = Math.max(...counts.map((c) => c.count), 1);
    const rows = counts
      .map((c) => {
        const width = Math.max(1, Math.round((c.count / max) * 100));
        const share = total > 0 ? ` (${percent(c.count / total)})` : '';
        return (
          '<tr>' +
          `<td style="padding:3px 8px 3px 0;font-size:13px;color:${INK};width:34%">${escapeHtml(c.label)}</td>` +
          '<td style="padding:3px 0;width:46%">' +
          `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td width="${width}%" bgcolor="${BAR_COLOUR}" style="background:${BAR_COLOUR};height:12px;font-size:0;line-height:0;border-radius:2px">&nbsp;</td>` +
          (width < 100 ? `<td width="${100 - width}%" style="font-size:0;line-height:0">&nbsp;</td>` : '') +
          '</tr></table></td>' +
          `<td style="padding:3px 0 3px 8px;font-size:13px;color:${MUTED};text-align:right;white-space:nowrap">${c.count}${escapeHtml(share)}</td>` +
          '</tr>'
        );
      })
      .join('');
    this.html.push(`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:4px 0">${rows}</table>`);
    for (const c of counts) {
      const n = Math.max(c.count > 0 ? 1 : 0, Math.round((c.count / max) * TEXT_BAR));
      const share = total > 0 ? ` (${percent(c.count / total)})` : '';
      this.text.push(`${c.label}  ${'█'.repeat(n)} ${c.count}${share}`);
    }
  }

  raw(html: string, text: string): void {
    this.html.push(html);
    this.text.push(text);
  }

  build(subject: string, title: string): RenderedMail {
    const html =
      '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
      `<body style="margin:0;padding:12px;background:#f8f9fa;font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Microsoft YaHei',Arial,sans-serif">` +
      '<div style="max-width:640px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px">' +
      `<h2 style="margin:0 0 6px;font-size:19px;color:${BAR_COLOUR}">${escapeHtml(title)}</h2>` +
      this.html.join('') +
      '</div></body></html>';
    return { subject, html, text: [title, ...this.text].join('\n') + '\n' };
  }
}

function headlineValue(h: Headline, r: Renderer, v: number | null): string {
  if (v === null) return r.none();
  if (h.unit === 'count') return String(v);
  if (h.unit === 'score') return oneDecimal(v);
  return percent(v);
}

function changeText(h: Headline, r: Renderer): { text: string; colour: string | null } {
  if (h.change === null) return { text: '—', colour: MUTED };
  const rounded = h.unit === 'rate' ? Math.round(h.change * 10) / 10 : Math.round(h.change * 1000) / 10;
  if (rounded === 0) return { text: r.tr('report.change.same'), colour: MUTED };
  const size = h.unit === 'rate' ? r.tr('report.points', { value: Math.abs(rounded) }) : `${Math.abs(rounded)}%`;
  const up = rounded > 0;
  return {
    text: r.tr(up ? 'report.change.up' : 'report.change.down', { value: size }),
    colour: up === h.higherIsBetter ? GOOD : BAD,
  };
}

function highlights(f: ReportFigures, r: Renderer): string[] {
  const unit = r.tr(`report.unit.${f.periods.kind}`);
  const c = f.current;
  const out: string[] = [];
  const tickets = f.headlines.find((h) => h.key === 'tickets')!;
  if (tickets.change === null) out.push(r.tr('report.say.ticketsOnly', { unit, count: c.tickets }));
  else if (Math.round(tickets.change * 100) === 0) out.push(r.tr('report.say.ticketsFlat', { unit, count: c.tickets }));
  else {
    out.push(r.tr('report.say.tickets', {
      unit,
      count: c.tickets,
      direction: r.tr(tickets.change > 0 ? 'report.dir.more' : 'report.dir.less'),
      value: Math.abs(Math.round(tickets.change * 100)),
    }));
  }
  const sat = f.headlines.find((h) => h.key === 'satisfaction')!;
  if (sat.current !== null) {
    const average = oneDecimal(sat.current);
    if (sat.change !== null && Math.round(sat.change * 100) !== 0) {
      out.push(r.tr('report.say.satisfaction', {
        unit,
        direction: r.tr(sat.change > 0 ? 'report.dir.up' : 'report.dir.down'),
        value: Math.abs(Math.round(sat.change * 100)),
        average,
      }));
    } else out.push(r.tr('report.say.satisfactionOnly', { unit, average }));
  }
  const topType = c.byIssueType[0];
  if (topType && c.tickets > 0) {
    out.push(r.tr('report.say.issueType', { type: topType.label, count: topType.count, share: Math.round((topType.count / c.tickets) * 100) }));
  }
  for (const p of c.phrases.slice(0, 3)) {
    out.push(r.tr('report.say.phrase', { share: Math.round(p.share * 100), phrase: p.phrase, count: p.customers }));
  }
  if (f.overdue.length > 0) out.push(r.tr('report.say.overdue', { count: f.overdue.length, ...splitOf(f) }));
  return out;
}

function splitOf(f: ReportFigures): { deadline: number; firstResponse: number } {
  return { deadline: f.overdueCounts.deadline, firstResponse: f.overdueCounts.firstResponse };
}

function kindsText(kinds: readonly string[], r: Renderer): string {
  return kinds.map((k) => r.tr(k === 'deadline' ? 'report.overdue.deadline' : 'report.overdue.firstResponse')).join(' · ');
}

function lateText(ms: number, r: Renderer): string {
  const hours = overdueHours(ms);
  return hours < 24 ? r.tr('report.late.hours', { hours }) : r.tr('report.late.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

function suggestionText(s: Suggestion, r: Renderer): string {
  return r.tr(`report.suggest.${s.key}`, { value: s.value, subject: s.subject });
}

function anomalyText(a: Anomaly, r: Renderer): string {
  const shown = a.rows.slice(0, ANOMALY_ROWS).join('、');
  const rows = a.rows.length > ANOMALY_ROWS ? r.tr('report.anomaly.more', { list: shown }) : shown;
  const line = r.tr('report.anomaly.line', { sheet: a.sheet, problem: r.tr(`report.anomaly.${a.kind}`), count: a.rows.length, rows });
  return `${line}；${r.tr(a.excluded ? 'report.anomaly.excluded' : 'report.anomaly.partial')}`;
}

function distribution(c: PeriodFigures, r: Renderer): void {
  const parts: [MessageKey, Count[]][] = [
    ['report.dist.channel', c.byChannel],
    ['report.dist.needType', c.byNeedType],
    ['report.dist.industry', c.byIndustry],
    ['report.dist.issueType', c.byIssueType],
  ];
  for (const [key, counts] of parts) {
    r.subtitle(r.tr(key));
    r.bars(counts, c.tickets);
  }
}

const RETRO_STATUS_KEY = Object.fromEntries(Object.entries(RETRO_STATUS).map(([k, v]) => [v, `retro.status.${k}`])) as Record<string, MessageKey>;

/**
 * 季度复盘: each figure per channel (and team), the previous quarter beside
 * it; tables of five columns at most, so they fit a phone.
 */
function reviewSection(rv: QuarterlyReview, r: Renderer, utcOffset: number): void {
  const share = (s: Share | null | undefined) => (s ? r.rateText(s) : r.none());
  const ratio = (v: number | null | undefined) => (v === null || v === undefined ? r.none() : percent(v));
  const hours = (v: number | null | undefined) => (v === null || v === undefined ? r.none() : r.tr('review.hours', { value: oneDecimal(v) }));
  const total = r.tr('review.total');
  const before = (prev: readonly Slice[], key: string) => prev.find((s) => s.key === key)?.figures;
  const rowsOf = (cur: readonly Slice[], prev: readonly Slice[], cells: (f: SliceFigures, p: SliceFigures | undefined) => string[], overall?: [SliceFigures, SliceFigures]) => [
    ...(overall ? [[total, ...cells(overall[0], overall[1])]] : []),
    ...cur.map((s) => [s.key, ...cells(s.figures, before(prev, s.key))]),
  ];
  const muted = (n: number, previousCols: readonly number[]) => Array.from({ length: n }, (_, i) => (previousCols.includes(i) ? MUTED : null));
  const c = rv.current;
  const p = rv.previous;
  const overall: [SliceFigures, SliceFigures] = [c.overall, p.overall];
  const spreadCells = (d: Spread, prev: Spread | undefined, waiting: number) => [hours(d.median), hours(d.p90), hours(prev?.median), String(waiting)];

  r.section('report.section.review');
  r.para(r.tr('review.compare', { quarter: rv.quarter, previous: rv.previousQuarter }), MUTED);

  r.subtitle(r.tr('review.required.title'));
  const required = rowsOf(c.byChannel, p.byChannel, (f, b) => [share(f.required), share(b?.required), ratio(f.optional), ratio(b?.optional)], overall);
  r.table(['review.col.channel', 'review.col.required', 'review.col.previous', 'review.col.optional', 'review.col.previous'].map((k) => r.tr(k as MessageKey)), required, required.map(() => muted(5, [2, 4])));

  r.subtitle(r.tr('review.accuracy.title'));
  const accuracy = (f: SliceFigures, b: SliceFigures | undefined) => [share(f.direct), share(b?.direct), share(f.corrected), share(b?.corrected)];
  const byChannel = rowsOf(c.byChannel, p.byChannel, accuracy, overall);
  r.table(['review.col.channel', 'review.col.direct', 'review.col.previous', 'review.col.corrected', 'review.col.previous'].map((k) => r.tr(k as MessageKey)), byChannel, byChannel.map(() => muted(5, [2, 4])));
  const byTeam = rowsOf(c.byTeam, p.byTeam, accuracy);
  r.table(['review.col.team', 'review.col.direct', 'review.col.previous', 'review.col.corrected', 'review.col.previous'].map((k) => r.tr(k as MessageKey)), byTeam, byTeam.map(() => muted(5, [2, 4])));

  r.subtitle(r.tr('review.offline.title'));
  const offline = c.offline.map((o, i) => [
    o.channel,
    o.expected === null ? String(o.entered) : `${o.entered}/${o.expected}`,
    ratio(o.recovery),
    ratio(p.offline[i]?.recovery),
    hours(o.entryDelay.median),
  ]);
  r.table(['review.col.channel', 'review.col.entered', 'review.col.recovery', 'review.col.previous', 'review.col.entryDelay'].map((k) => r.tr(k as MessageKey)), offline, offline.map(() => muted(5, [3])));
  for (const o of c.offline) if (o.unknownEntry > 0) r.para(r.tr('review.offline.unknown', { channel: o.channel, count: o.unknownEntry }), MUTED);
  if (c.offline.some((o) => o.expected === null)) r.para(r.tr('review.offline.noExpected'), MUTED);

  r.subtitle(r.tr('review.assign.title'));
  const delayHeader = (first: MessageKey) => [first, 'review.col.median', 'review.col.p90', 'review.col.previous', 'review.col.waiting'].map((k) => r.tr(k as MessageKey));
  const delay = (f: SliceFigures, b: SliceFigures | undefined) => spreadCells(f.assignDelay, b?.assignDelay, f.waiting);
  const delays = rowsOf(c.byChannel, p.byChannel, delay, overall);
  r.table(delayHeader('review.col.channel'), delays, delays.map(() => muted(5, [3])));
  const teamDelays = rowsOf(c.byTeam, p.byTeam, delay);
  r.table(delayHeader('review.col.team'), teamDelays, teamDelays.map(() => muted(5, [3])));

  r.subtitle(r.tr('review.suggestions'));
  if (rv.suggestions.length === 0) r.para(r.tr('review.suggest.none'), MUTED);
  else r.list(rv.suggestions.map((s) => r.tr(`review.suggest.${s.key}`, { subject: s.subject, value: s.value })));

  r.subtitle(r.tr('review.actions.title'));
  const acts = rv.actions;
  if (acts.length === 0) r.para(r.tr('review.actions.none', { previous: rv.previousQuarter }), MUTED);
  else {
    const n = (status: string) => acts.filter((a) => a.status === status).length;
    r.para(r.tr('review.actions.summary', {
      total: acts.length, done: n(RETRO_STATUS.done), doing: n(RETRO_STATUS.doing), todo: n(RETRO_STATUS.todo), cancelled: n(RETRO_STATUS.cancelled),
      overdue: acts.filter((a) => a.overdue).length,
    }), acts.some((a) => a.overdue) ? BAD : INK);
    r.list(acts.map((a) => {
      const shown = RETRO_STATUS_KEY[a.status] ? r.tr(RETRO_STATUS_KEY[a.status]!) : a.status || r.none();
      return r.tr('review.actions.line', {
        quarter: a.quarter,
        action: a.action || a.finding || r.none(),
        owner: a.owner || r.tr('review.actions.noOwner'),
        due: a.due === null ? r.tr('review.actions.noDue') : localDate(a.due, utcOffset),
        status: a.overdue ? r.tr('review.actions.overdue', { status: shown }) : shown,
      });
    }));
  }
  r.para(r.tr('review.actions.hint', { quarter: rv.quarter }), MUTED);
  r.para(r.tr('review.definition'), MUTED);
}

/** The report as a mail: subject, plain text and HTML. */
export function renderReportMail(m: ReportMailInput): RenderedMail {
  const L = m.locale;
  const t = translator(L);
  const f = m.figures;
  const { current: cp, previous: pp } = f.periods;
  const r = new Renderer(L);
  const kind = r.tr(`report.kind.${f.periods.kind}`);
  const subject = t('report.subject', { company: m.companyName, kind, from: cp.from, to: cp.to });
  const title = t('report.title', { kind, from: cp.from, to: cp.to });
  const compare = f.periods.mode === 'toDate'
    ? r.tr('report.compareToDate', { until: localDateTime(cp.end, m.utcOffset), from: pp.from, to: pp.to })
    : r.tr('report.compare', { from: pp.from, to: pp.to });
  r.para(compare, MUTED);
  const c = f.current;
  if (c.tickets === 0) r.raw(
    `<p style="margin:12px 0;padding:12px;background:#fef7e0;border-radius:6px;font-size:15px;color:${INK}">${escapeHtml(r.tr('report.noData'))}</p>`,
    r.tr('report.noData'),
  );

  r.section('report.section.overview');
  r.table(
    [r.tr('report.col.figure'), r.tr('report.col.current'), r.tr('report.col.previous'), r.tr('report.col.change')],
    f.headlines.map((h) => [r.tr(`report.h.${h.key}`), headlineValue(h, r, h.current), headlineValue(h, r, h.previous), changeText(h, r).text]),
    f.headlines.map((h) => [null, null, MUTED, changeText(h, r).colour]),
  );

  r.section('report.section.highlights');
  r.list(highlights(f, r));

  if (c.tickets > 0) {
    r.section('report.section.customers');
    r.para(r.tr('report.customers.new', { count: c.newCustomers, active: c.customers }));
    r.bars(c.segments, c.customers);
    if (c.bySource.length > 0) {
      r.subtitle(r.tr('report.dist.source'));
      r.bars(c.bySource, c.newCustomers);
    }

    r.section('report.section.distribution');
    distribution(c, r);

    r.section('report.section.recurring');
    r.bars(c.byIssueType, c.tickets);
    r.subtitle(r.tr('report.recurring.phrases', { min: PHRASE_MIN_CUSTOMERS }));
    if (c.phrases.length === 0) r.para(r.tr('report.recurring.noPhrases', { min: PHRASE_MIN_CUSTOMERS }), MUTED);
    else r.list(c.phrases.map((p) => r.tr('report.say.phrase', { share: Math.round(p.share * 100), phrase: p.phrase, count: p.customers })));

    r.section('report.section.satisfaction');
    const s = c.satisfaction;
    if (s.count === 0) r.para(r.tr('report.sat.noRatings'), MUTED);
    else {
      r.para(r.tr('report.sat.summary', { average: oneDecimal(s.average!), count: s.count, rate: r.rateText(s.response) }));
      r.bars([4, 3, 2, 1, 0].map((i) => ({ label: r.tr('report.sat.score', { score: i + 1 }), count: s.distribution[i] })), s.count);
      if (s.low.length > 0) {
        r.subtitle(r.tr('report.sat.lowTitle', { count: s.low.length }));
        r.table(
          [r.tr('report.col.ticket'), r.tr('report.col.owner'), r.tr('report.sat.lowScore')],
          s.low.slice(0, OVERDUE_LIST).map((x) => [x.ticketNo, x.owner, r.tr('report.sat.score', { score: x.score })]),
          s.low.slice(0, OVERDUE_LIST).map(() => [null, null, BAD]),
        );
      }
    }
  }

  r.section('report.section.deadlines');
  const noSource = (column: string) => r.tr('report.deadline.noSource', { column });
  r.table(
    [r.tr('report.col.figure'), r.tr('report.col.current'), r.tr('report.col.previous')],
    [
      [r.tr('report.h.firstResponse'), c.firstResponse ? `${r.rateText(c.firstResponse)} (${c.firstResponse.hits}/${c.firstResponse.total})` : noSource(m.stampColumns.firstResponse), f.previous.firstResponse ? r.rateText(f.previous.firstResponse) : r.none()],
      [r.tr('report.h.resolution'), c.resolution ? `${r.rateText(c.resolution)} (${c.resolution.hits}/${c.resolution.total})` : noSource(m.stampColumns.resolution), f.previous.resolution ? r.rateText(f.previous.resolution) : r.none()],
    ],
  );
  if (f.overdue.length === 0) r.para(r.tr('report.deadline.noOverdue'), GOOD);
  else {
    r.subtitle(r.tr('report.deadline.overdueTitle', { count: f.overdue.length }));
    r.para(r.tr('report.deadline.overdueSplit', splitOf(f)));
    r.table(
      // Five columns fit a phone's 390 px; how late it is says more than when it was due.
      [r.tr('report.col.ticket'), r.tr('report.col.owner'), r.tr('report.col.priority'), r.tr('report.col.overdueKind'), r.tr('report.col.late')],
      f.overdue.slice(0, OVERDUE_LIST).map((o) => [o.ticketNo, o.owner, o.priority, kindsText(o.kinds, r), lateText(o.overdueMs, r)]),
      f.overdue.slice(0, OVERDUE_LIST).map(() => [null, null, null, null, BAD]),
    );
    if (f.overdue.length > OVERDUE_LIST) r.para(r.tr('report.deadline.more', { count: f.overdue.length - OVERDUE_LIST }), MUTED);
  }
  if (c.waited.tickets > 0 || f.waitingNow > 0) {
    r.para(r.tr('report.deadline.waited', { tickets: c.waited.tickets, hours: workingHoursText(c.waited.minutes), now: f.waitingNow }));
  }
  r.para(r.tr('report.deadline.definition'), MUTED);

  r.section('report.section.owners');
  if (c.owners.length === 0) r.para(r.tr('report.owners.none'), MUTED);
  else {
    r.table(
      ['report.col.owner', 'report.col.assigned', 'report.col.resolved', 'report.col.inTime', 'report.col.open', 'report.col.overdue'].map((k) => r.tr(k as MessageKey)),
      c.owners.map((o) => [o.owner, String(o.assigned), String(o.resolved), r.rateText(o.resolvedInTime), String(o.open), String(o.overdue)]),
      c.owners.map((o) => [null, null, null, null, null, o.overdue > 0 ? BAD : null]),
    );
  }

  r.section('report.section.quality');
  r.para(r.tr('report.quality.review', { review: c.review.hits, total: c.review.total, rate: r.rateText(c.review) }));
  r.para(r.tr('report.quality.toVerify', { hits: c.toVerify.hits, total: c.toVerify.total, rate: r.rateText(c.toVerify) }));
  r.subtitle(r.tr('report.quality.problems'));
  if (c.problems.length === 0) r.para(r.tr('report.quality.noProblems'), MUTED);
  else r.bars(c.problems, c.review.hits);
  if (c.completion.length > 0) {
    r.subtitle(r.tr('report.quality.completion'));
    r.table(
      [r.tr('report.dist.channel'), r.tr('report.col.current')],
      c.completion.map((x) => [x.channel, `${r.rateText(x.completion)}`]),
    );
  }
  if (c.entryDelay.length > 0) {
    r.subtitle(r.tr('report.quality.entryDelay'));
    r.table(
      ['report.dist.channel', 'report.col.entered', 'report.col.medianWait', 'report.col.within24h', 'report.col.slowest'].map((k) => r.tr(k as MessageKey)),
      c.entryDelay.map((d) => [
        d.channel,
        String(d.count),
        lateText(d.medianMs, r),
        r.rateText({ hits: d.withinTarget, total: d.count, rate: d.withinTarget / d.count }),
        d.slowest.map((x) => `${x.ticketNo} ${lateText(x.delayMs, r)}`).join('、'),
      ]),
      c.entryDelay.map((d) => [null, null, null, d.withinTarget < d.count ? BAD : GOOD, null]),
    );
    r.para(r.tr('report.quality.entryDelayDefinition'), MUTED);
  }

  if (f.review) reviewSection(f.review, r, m.utcOffset);

  r.section('report.section.suggestions');
  if (f.suggestions.length === 0) r.para(r.tr('report.suggest.none'), MUTED);
  else r.list(f.suggestions.map((s) => suggestionText(s, r)));

  r.section('report.section.anomalies');
  if (m.capacity.warn) r.para(r.tr('report.capacity.high', { cells: m.capacity.cells.toLocaleString('en-US'), percent: usagePercent(m.capacity) }), BAD);
  if (m.holidays) {
    r.para(m.holidays.text, BAD);
    r.para(m.holidays.fix);
  }
  if (f.anomalies.length === 0) r.para(r.tr('report.anomaly.none'), GOOD);
  else r.list(f.anomalies.map((a) => anomalyText(a, r)));

  r.section('report.section.audit');
  const a = m.audit;
  if (a.revealed + a.refused === 0) r.para(r.tr('report.audit.none'), MUTED);
  else {
    r.para(r.tr('report.audit.summary', { revealed: a.revealed, refused: a.refused }));
    r.list(a.people.map((p) => r.tr('report.audit.person', { who: p.who, revealed: p.revealed, refused: p.refused })));
  }

  if (m.sms) {
    r.section('report.section.sms');
    r.para(r.tr('report.sms.summary', { sent: m.sms.sent, undeliverable: m.sms.undeliverable, capped: m.sms.capped }), m.sms.capped > 0 ? BAD : INK);
  }

  const footer = r.tr('report.footer', { company: m.companyName, time: localDateTime(m.generatedAt, m.utcOffset) });
  r.raw(`<p style="margin:20px 0 0;font-size:12px;color:#80868b">${escapeHtml(footer)}</p>`, `\n${footer}`);
  return r.build(subject, title);
}
