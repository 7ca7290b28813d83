/** The self-check's marker: only the current, unexpired nonce marks a response. */
import { isCurrentNonce, markedNonce, selfCheckMarker } from '../src/domain/self-check';

const NONCE = '0123456789abcdef0123456789abcdef';

test('a marker round-trips; anything else marks nothing', () => {
  expect(markedNonce(selfCheckMarker(NONCE))).toBe(NONCE);
  expect(markedNonce(` ${selfCheckMarker(NONCE)} `)).toBe(NONCE);
  for (const answer of ['王小明', '自检', `自检 ${NONCE} 谢谢`, `自检 ${NONCE.slice(1)}`, ['自检'], undefined]) {
    expect(markedNonce(answer)).toBeNull();
  }
});

test('only the stored nonce, before it expires, is current', () => {
  const stored = { nonce: NONCE, expiresAt: 1_000 };
  expect(isCurrentNonce(NONCE, stored, 1_000)).toBe(true);
  expect(isCurrentNonce(NONCE, stored, 1_001)).toBe(false);
  expect(isCurrentNonce('f'.repeat(32), stored, 0)).toBe(false);
  expect(isCurrentNonce(NONCE, null, 0)).toBe(false);
});
