import fc from 'fast-check';
import { parseSignedTicket, signedTicket, transition } from '../src/domain/lifecycle';
import { STATUSES, isDone, type Status } from '../src/domain/vocabulary';

const status = fc.constantFrom(...STATUSES);

describe('transition', () => {
  test('the first move to 已联系客户 or beyond stamps the first response, once', () => {
    expect(transition('新建', '已联系客户', { firstResponse: false, resolved: false }).stampFirstResponse).toBe(true);
    expect(transition('新建', '方案已提交', { firstResponse: false, resolved: false }).stampFirstResponse).toBe(true);
    expect(transition('已联系客户', '方案已提交', { firstResponse: true, resolved: false }).stampFirstResponse).toBe(false);
  });

  test('resolution is stamped at 问题已解决 and cleared by a reopen', () => {
    expect(transition('方案已提交', '问题已解决', { firstResponse: true, resolved: false })).toMatchObject({ stampResolved: true, reopen: false });
    expect(transition('问题已解决', '已联系客户', { firstResponse: true, resolved: true })).toMatchObject({ clearResolved: true, reopen: true });
    expect(transition('问题已解决', '已关闭', { firstResponse: true, resolved: true })).toMatchObject({ stampResolved: false, closed: 'set' });
    expect(transition('已关闭', '方案已提交', { firstResponse: true, resolved: true })).toMatchObject({ closed: 'clear', reopen: true });
  });

  test('a reopen is exactly a move to an earlier status (待客户补充 sits beside 已联系客户); never both stamp and clear', () => {
    // The lifecycle line; 待客户补充 is a pause beside it, entered from an open ticket without a step back.
    const line: string[] = ['新建', '已联系客户', '方案已提交', '问题已解决', '已关闭'];
    const place = (s: string) => (s === '待客户补充' ? 1 : line.indexOf(s));
    fc.assert(
      fc.property(status, status, fc.boolean(), fc.boolean(), (from, to: Status, fr, res) => {
        const step = transition(from, to, { firstResponse: fr, resolved: res });
        expect(step.reopen).toBe(to === '待客户补充' ? isDone(from) : place(to) < place(from));
        expect(step.stampResolved && step.clearResolved).toBe(false);
        expect(step.stampResolved).toBe(isDone(to) && !res);
      }),
    );
  });
});

describe('signed ticket numbers', () => {
  test('round trip; other shapes are refused', () => {
    const s = signedTicket('T20261123001', 'a1b2c3d4e5f60718293a');
    expect(s).toBe('T20261123001-a1b2c3d4e5f6');
    expect(parseSignedTicket(s)).toEqual({ ticketNo: 'T20261123001', signature: 'a1b2c3d4e5f6' });
    for (const bad of ['T20261123001', 'T20261123001-abc', 'X20261123001-a1b2c3d4e5f6', 'T20261123001-A1B2C3D4E5F6']) {
      expect(parseSignedTicket(bad)).toBeNull();
    }
  });
});
