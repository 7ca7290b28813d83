/**
 * How long paper and phone forms (线下录入) and CRM rows (导入) waited between
 * 填写日期 (the customer filled the form or called) and 录入时间 (it reached
 * the add-on): the seed's "口头记录 24 小时内整理成文字", measured per channel.
 * Deadlines never start at 填写日期 (docs/design.md, "Deadlines"): the team
 * could not act on a form it did not have, so only this figure sees the wait.
 */
import { CHANNEL, type Channel } from './vocabulary';

/** Channels whose 填写日期 staff give: the others' is the instant the add-on received them. */
export const OFFLINE_CHANNELS: readonly Channel[] = [CHANNEL.manual, CHANNEL.import];

export function isOfflineChannel(channel: string): boolean {
  return (OFFLINE_CHANNELS as readonly string[]).includes(channel);
}

/**
 * When a ticket's deadline clock started: 录入时间 for an offline channel; for
 * the others, and for rows filed before 录入时间 existed (blank), 填写日期,
 * which was then the instant the add-on received the submission.
 */
export function clockStart(channel: string, filledMs: number | null, enteredMs: number | null): number | null {
  return isOfflineChannel(channel) && enteredMs !== null ? enteredMs : filledMs;
}

/** The target the seed names: written up within 24 hours. */
export const ENTRY_TARGET_MS = 24 * 3_600_000;
/** How many of the slowest entries a report lists per channel. */
export const SLOWEST_SHOWN = 3;

export interface EntryRecord {
  ticketNo: string;
  channel: string;
  filledMs: number;
  enteredMs: number;
}

export interface ChannelDelay {
  channel: string;
  count: number;
  /** The median wait, ms (the lower of the two middle ones for an even count). */
  medianMs: number;
  /** Entered within ENTRY_TARGET_MS of 填写日期. */
  withinTarget: number;
  /** The longest waits, longest first (ties by ticket number). */
  slowest: { ticketNo: string; delayMs: number }[];
}

/**
 * The entry delay of each offline channel that has records, in OFFLINE_CHANNELS'
 * order. A 填写日期 after 录入时间 (a clock ahead by minutes) counts as no wait.
 */
export function entryDelays(records: readonly EntryRecord[]): ChannelDelay[] {
  const out: ChannelDelay[] = [];
  for (const channel of OFFLINE_CHANNELS) {
    const mine = records
      .filter((r) => r.channel === channel)
      .map((r) => ({ ticketNo: r.ticketNo, delayMs: Math.max(0, r.enteredMs - r.filledMs) }))
      .sort((a, b) => b.delayMs - a.delayMs || (a.ticketNo < b.ticketNo ? -1 : a.ticketNo > b.ticketNo ? 1 : 0));
    if (mine.length === 0) continue;
    const ascending = mine.map((r) => r.delayMs).reverse();
    out.push({
      channel,
      count: mine.length,
      medianMs: ascending[Math.floor((ascending.length - 1) / 2)]!,
      withinTarget: mine.filter((r) => r.delayMs <= ENTRY_TARGET_MS).length,
      slowest: mine.slice(0, SLOWEST_SHOWN),
    });
  }
  return out;
}
