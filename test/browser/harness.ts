/**
 * A sidebar served by the `cli ui` preview over a saved runtime, in Debian's
 * Chromium (playwright-core). Browser tests skip without /usr/bin/chromium,
 * except in CI, where its absence is an error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { saveSession } from '../../local/cli/session';
import { startPreview } from '../../local/preview/server';
import type { Runtime } from '../../local/runtime/runtime';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must prove the UI (apt-get install -y chromium)`);
if (!hasChromium) console.warn(`Skipping the browser tests: ${CHROMIUM} is not installed (apt-get install -y chromium).`);

export const describeBrowser = hasChromium ? describe : describe.skip;

/**
 * Where the browser tests leave their screenshots: an ignored folder, so that
 * testing never rewrites a tracked file. `npm run screenshots` copies them
 * into docs/ for the README.
 */
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

/** The path of a screenshot named `name` (e.g. `review.png`) in SCREENSHOT_DIR, which it creates. */
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}

export interface OpenSidebar {
  page: Page;
  /** The state folder the preview reads and saves. */
  dir: string;
  /** alert()/confirm() messages the page raised (none expected). */
  dialogs: string[];
  close(): Promise<void>;
}

/** The sizes a sidebar is tried at: the preview in a desktop window, and Sheets' own sidebar, 300 px wide. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: '300px', width: 300, height: 640 },
] as const;

export async function openSidebar(rt: Runtime, name: string, opts: { user: string; height: number; width?: number }): Promise<OpenSidebar> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ui-${name}-`));
  await saveSession(dir, rt);
  const preview = await startPreview({ stateDir: dir, user: opts.user });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (err) {
    await preview.close();
    throw err;
  }
  const close = async (): Promise<void> => {
    await browser.close();
    await preview.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const page = await browser.newPage({ viewport: { width: opts.width ?? 320, height: opts.height }, locale: 'zh-CN' });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${preview.url}/${name}`);
  return { page, dir, dialogs, close };
}

/** Waits until the locator holds text matching the pattern. */
export async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  await locator.filter({ hasText: pattern }).waitFor({ timeout: 10_000 });
}

/**
 * What a user sees of an element: it lies wholly inside the viewport, and
 * nothing (a sticky bar, another box) covers it: the topmost element at each
 * of its corners and its centre is the element or inside it.
 */
export async function expectFullyVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  const seen = await locator.evaluate((node) => {
    const doc = node.ownerDocument;
    const view = { height: doc.documentElement.clientHeight, width: doc.documentElement.clientWidth };
    const r = node.getBoundingClientRect();
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= view.height && r.right <= view.width;
    const points: [number, number][] = [
      [r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2], [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    const covered = points.filter(([x, y]) => {
      const top = doc.elementFromPoint(x, y);
      return !top || !(top === node || node.contains(top));
    });
    return { inside, covered: covered.length, box: [Math.round(r.top), Math.round(r.bottom), view.height] };
  });
  expect(seen).toEqual({ inside: true, covered: 0, box: seen.box });
}

/** Whether `a` sits beside `b`: at most `gap` px between their boxes, one above the other. */
export async function expectBeside(a: Locator, b: Locator, gap = 24): Promise<void> {
  const [ra, rb] = [await a.boundingBox(), await b.boundingBox()];
  expect(ra && rb).toBeTruthy();
  const between = Math.max(rb!.y - (ra!.y + ra!.height), ra!.y - (rb!.y + rb!.height), 0);
  expect(between).toBeLessThanOrEqual(gap);
}

/** Scrolls the page to a fraction of its height (0: the top, 1: the end), as a user would before acting. */
export async function scrollPage(page: Page, fraction: number): Promise<void> {
  await page.locator('html').evaluate((root, f) => {
    root.scrollTop = f * (root.scrollHeight - root.clientHeight);
  }, fraction);
}
