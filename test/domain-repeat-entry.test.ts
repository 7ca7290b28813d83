/** domain/repeat-entry.ts: which ticket on file a manual entry repeats. */
import { repeatedTicket, type FiledTicket, type RepeatCandidate } from '../src/domain/repeat-entry';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 2, 0);
const DESCRIPTION = '需要10台台式电脑，用于新员工办公';

const ticket = (over: Partial<FiledTicket> = {}): FiledTicket => ({
  ticketNo: 'T20261123001', customerNo: 'C20261123001', description: DESCRIPTION, submittedMs: T0, sourceId: 'manual:draft-a', handler: 'sales1@example.com', ...over,
});
const entry = (over: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  customerNos: ['C20261123001'], description: DESCRIPTION, receivedMs: T0 + 5 * MIN, sourceId: 'manual:draft-b', ...over,
});

describe('repeatedTicket', () => {
  test('the same customer and description within the window repeat; spacing, punctuation and width aside', () => {
    expect(repeatedTicket(entry(), [ticket()], 10)?.ticketNo).toBe('T20261123001');
    expect(repeatedTicket(entry({ description: '需要１０台台式电脑 用于新员工办公。' }), [ticket()], 10)).not.toBeNull();
  });

  test('the latest of several repeats is named', () => {
    const older = ticket({ ticketNo: 'T1', submittedMs: T0 - 2 * MIN });
    const newer = ticket({ ticketNo: 'T2', submittedMs: T0 + 1 * MIN });
    expect(repeatedTicket(entry(), [newer, older], 10)?.ticketNo).toBe('T2');
    expect(repeatedTicket(entry(), [older, newer], 10)?.ticketNo).toBe('T2');
  });

  test('no repeat: another customer, another need, outside the window, the window off', () => {
    expect(repeatedTicket(entry({ customerNos: ['C20261123002'] }), [ticket()], 10)).toBeNull();
    expect(repeatedTicket(entry({ customerNos: [] }), [ticket()], 10)).toBeNull();
    expect(repeatedTicket(entry({ description: '需要20台台式电脑，用于新员工办公' }), [ticket()], 10)).toBeNull();
    expect(repeatedTicket(entry({ receivedMs: T0 + 10 * MIN }), [ticket()], 10)).not.toBeNull();
    expect(repeatedTicket(entry({ receivedMs: T0 + 10 * MIN + 1 }), [ticket()], 10)).toBeNull();
    expect(repeatedTicket(entry(), [ticket()], 0)).toBeNull();
  });

  test('a retry of the very draft is no repeat, even beside another ticket it would repeat', () => {
    expect(repeatedTicket(entry({ sourceId: 'manual:draft-a' }), [ticket(), ticket({ ticketNo: 'T2', sourceId: 'manual:draft-c' })], 10)).toBeNull();
  });
});
