/**
 * The sidebars call only server functions the bundle exposes as top-level
 * entry points, and the local preview allows exactly those.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SIDEBAR_FUNCTIONS } from '../local/preview/server';
import { bundleSource, entryPointNames } from './helpers/bundle';

const CLIENT_DIR = path.join(__dirname, '..', 'src', 'ui', 'client');

function calledFromSidebars(): string[] {
  const called = new Set<string>();
  for (const f of fs.readdirSync(CLIENT_DIR).filter((n) => n.endsWith('.ts'))) {
    const code = fs.readFileSync(path.join(CLIENT_DIR, f), 'utf8');
    for (const m of code.matchAll(/runServer(?:<[^(]*>)?\(\s*'(\w+)'/g)) called.add(m[1]!);
  }
  return [...called].sort();
}

test('every server function a sidebar calls is an entry point of the bundle and allowed by the preview', () => {
  const called = calledFromSidebars();
  expect(called).toEqual(expect.arrayContaining(['manualEntrySetup', 'submitManualEntry', 'lookupCustomer', 'reviewQueueSetup', 'resubmitReview', 'voidReview', 'myTickets', 'setMyTicketStatus']));
  expect([...SIDEBAR_FUNCTIONS].sort()).toEqual(called);
  const source = bundleSource();
  for (const fn of called) {
    expect(entryPointNames()).toContain(fn);
    expect(source).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
  }
});
