/** The acknowledgement limits (pure) and their 配置 rows. */
import { decideAck, emptyAckLedger, type AckLedger } from '../src/domain/ack-limits';
import { readAccessInput } from '../src/domain/access';
import { defaultConfigRows, parseConfig } from '../src/domain/config';

const LIMITS = { perAddress: 3, quotaShare: 30, burst: 2 };
const HOUR = 3_600_000;

function run(ledger: AckLedger, recipients: string[], remaining: number, at = 0): { ledger: AckLedger; sent: string[]; bursts: number } {
  const sent: string[] = [];
  let bursts = 0;
  let l = ledger;
  recipients.forEach((r, i) => {
    const d = decideAck(l, r, at + i, remaining - sent.length, LIMITS);
    l = d.ledger;
    if (d.send) {
      sent.push(r);
      if (d.burst) bursts++;
    }
  });
  return { ledger: l, sent, bursts };
}

describe('decideAck', () => {
  test('one address gets the per-address limit a day; the rest are held and counted', () => {
    const r = run(emptyAckLedger(), Array(10).fill('a'), 1000);
    expect(r.sent).toHaveLength(3);
    expect(r.ledger).toMatchObject({ sent: 3, skipped: 7, to: { a: 3 } });
  });

  test('acknowledgements stop at their share of what remains plus what they used', () => {
    const r = run(emptyAckLedger(), Array.from({ length: 100 }, (_, i) => `p${i}`), 100);
    expect(r.sent.length).toBe(30);
    expect(decideAck(emptyAckLedger(), 'x', 0, 0, LIMITS)).toMatchObject({ send: false, reason: 'quota' });
  });

  test('a burst is more than `burst` new addresses within an hour; a known address is no burst, an hour later counts again', () => {
    expect(run(emptyAckLedger(), ['a', 'b'], 1000).bursts).toBe(0);
    expect(run(emptyAckLedger(), ['a', 'b', 'c'], 1000).bursts).toBe(1);
    expect(run(emptyAckLedger(), ['a', 'b', 'a', 'b'], 1000).bursts).toBe(0);
    const first = run(emptyAckLedger(), ['a', 'b'], 1000);
    expect(decideAck(first.ledger, 'c', 2 * HOUR, 1000, LIMITS)).toMatchObject({ send: true, burst: false });
    // The ledger keeps only the times that can still tell a burst.
    expect(run(emptyAckLedger(), Array.from({ length: 50 }, (_, i) => `n${i}`), 10_000).ledger.recentNew).toHaveLength(3);
  });
});

describe('the 配置 rows', () => {
  const rows = defaultConfigRows();
  const withValue = (key: string, value: string) => parseConfig(rows.map((r) => (r[0] === '邮件' && r[1] === key ? [r[0], r[1], value, r[3]] : [...r])));

  test('defaults: 3 a day per address, 30% of the quota, 20 new addresses an hour', () => {
    expect(parseConfig(rows).config.mail).toMatchObject({ ackPerAddress: 3, ackQuotaShare: 30, ackBurst: 20 });
    expect(withValue('确认邮件配额占比', '25').config.mail.ackQuotaShare).toBe(25);
    expect(withValue('确认邮件配额占比', '２５％').config.mail.ackQuotaShare).toBe(25);
  });

  test('a value out of range keeps the default and says why', () => {
    for (const [key, value, message] of [
      ['确认邮件每址每日上限', '0', '“0”应为 1 到 20 之间的整数'],
      ['确认邮件每址每日上限', '很多', '应为 1 到 20 之间的整数'],
      ['确认邮件配额占比', '80%', '“80%”应为 1% 到 40% 之间的百分比'],
      ['确认邮件突增提醒', '2.5', '应为 1 到 1000 之间的整数'],
    ] as const) {
      const r = withValue(key, value);
      expect(r.errors.map((e) => e.message).join('\n')).toContain(message);
      expect(r.config.mail).toMatchObject({ ackPerAddress: 3, ackQuotaShare: 30, ackBurst: 20 });
    }
  });
});

describe('the owner\'s access input', () => {
  test('addresses one a line or separated, normalised and without repeats; a bad one is named', () => {
    expect(readAccessInput('A@Example.com\n b@example.com、a@example.com', '')).toEqual({ ok: true, value: { reveal: ['a@example.com', 'b@example.com'], admins: [] } });
    expect(readAccessInput('a@example.com', 'boss')).toEqual({ ok: false, bad: 'boss' });
    expect(readAccessInput(undefined, null)).toEqual({ ok: true, value: { reveal: [], admins: [] } });
  });
});
