/**
 * The ticket lifecycle as pure rules: which statuses exist, what a change
 * stamps (first response, resolution, closing) and what counts as a reopen.
 */
import { STATUS, isDone, statusRank as rank, type Status } from './vocabulary';

export interface Stamps {
  firstResponse: boolean;
  resolved: boolean;
}

/** What a status change does: the stamps to set or clear, and whether it is a reopen. */
export interface Transition {
  reopen: boolean;
  /** Set 首次响应时间 now (first time the ticket reached 已联系客户 or beyond). */
  stampFirstResponse: boolean;
  /** Set 解决时间 now (first time it reached 问题已解决 or beyond). */
  stampResolved: boolean;
  /** Clear 解决时间: reopened to an unresolved status. */
  clearResolved: boolean;
  /** 关闭时间: set at 已关闭, cleared when leaving it. */
  closed: 'set' | 'clear' | 'keep';
}

export function transition(from: string, to: Status, stamped: Stamps): Transition {
  // Asking the customer for more (待客户补充) is a pause beside the line: a step back only from a done ticket.
  const reopen = from !== '' && rank(from) >= 0 && (to === STATUS.waiting ? isDone(from) : rank(to) < rank(from));
  const resolvedNow = isDone(to);
  return {
    reopen,
    stampFirstResponse: !stamped.firstResponse && rank(to) >= rank(STATUS.contacted),
    stampResolved: resolvedNow && !stamped.resolved,
    clearResolved: !resolvedNow && stamped.resolved,
    closed: to === STATUS.closed ? (from === STATUS.closed ? 'keep' : 'set') : from === STATUS.closed ? 'clear' : 'keep',
  };
}

/** `T20261123001` + a short signature: what the survey link carries. */
export function signedTicket(ticketNo: string, signature: string): string {
  return `${ticketNo}-${signature.slice(0, SIGNATURE_LENGTH)}`;
}

const SIGNATURE_LENGTH = 12;

/** Splits a signed ticket number; null when it does not have the shape. */
export function parseSignedTicket(s: string): { ticketNo: string; signature: string } | null {
  const m = /^(T\d{11,})-([0-9a-f]+)$/.exec(s.trim());
  return m && m[2]!.length === SIGNATURE_LENGTH ? { ticketNo: m[1]!, signature: m[2]! } : null;
}
