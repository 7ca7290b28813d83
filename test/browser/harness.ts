/**
 * A sidebar served by the `cli ui` preview over a saved runtime, in Debian's
 * Chromium (playwright-core). Browser tests skip without /usr/bin/chromium,
 * except in CI, where its absence is an error.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

export async function openSidebar(rt: Runtime, name: string, opts: { user: string; height: number }): Promise<OpenSidebar> {
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
  const page = await browser.newPage({ viewport: { width: 320, height: opts.height }, locale: 'zh-CN' });
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
