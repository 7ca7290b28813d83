/** The 客户管理 menu and the plain dialogs the menu items answer with. */
import { translator, type Locale } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import type { AppContext } from '../services/context';
import { mergeCustomers, mergePair, previewMerge, type MergeDone } from '../services/customer-merge';
import { revealSensitive, type RevealResult } from '../services/reveal';
import { isSetupDone } from '../services/store';

export const MENU_ITEMS: readonly { caption: string; fn: string }[] = [
  { caption: 'menu.manualEntry', fn: 'showManualEntry' },
  { caption: 'menu.reviewQueue', fn: 'showReviewQueue' },
  { caption: 'menu.myTickets', fn: 'showMyTickets' },
  { caption: 'menu.import', fn: 'importFromSheet' },
  { caption: 'menu.reveal', fn: 'showReveal' },
  { caption: 'menu.merge', fn: 'showMergeCustomers' },
  { caption: 'menu.personalRequests', fn: 'showPersonalRequests' },
  { caption: 'menu.access', fn: 'showAccessSettings' },
  { caption: 'menu.robots', fn: 'showRobotSettings' },
  { caption: 'menu.sms', fn: 'showSmsSettings' },
  { caption: 'menu.formTools', fn: 'showFormToolPushes' },
  { caption: 'menu.setupHelp', fn: 'showSetupHelp' },
  { caption: 'menu.reportWeekly', fn: 'reportWeeklyNow' },
  { caption: 'menu.setup', fn: 'setup' },
  { caption: 'menu.selfCheck', fn: 'runSelfCheck' },
];

/** The menu in `locale`: onOpen runs before any context, so main.ts says which locale that is. */
export function buildMenu(locale: Locale): void {
  const t = translator(locale);
  const menu = SpreadsheetApp.getUi().createMenu(t('menu.title'));
  for (const item of MENU_ITEMS) menu.addItem(t(item.caption as 'menu.setup'), item.fn);
  menu.addToUi();
}

/** Shows a message to the person at the spreadsheet; outside a UI context (triggers, editor) it is logged. */
export function tell(title: string, message: string): void {
  try {
    SpreadsheetApp.getUi().alert(title, message, SpreadsheetApp.getUi().ButtonSet.OK);
  } catch {
    console.log(`${title}: ${message}`);
  }
}

/**
 * Asks the person at the spreadsheet a yes/no question; outside a UI context
 * (a trigger, the editor) nobody can answer, which counts as no.
 */
export function ask(title: string, message: string): boolean {
  try {
    const ui = SpreadsheetApp.getUi();
    return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
  } catch {
    return false;
  }
}

/**
 * Runs a menu action that needs what setup builds; before setup has run in
 * this workbook it says so plainly instead (and returns null).
 */
export function afterSetup<T>(ctx: AppContext, action: () => T): T | null {
  if (!isSetupDone()) {
    tell(ctx.t('menu.needsSetupTitle'), ctx.t('menu.needsSetup'));
    return null;
  }
  return action();
}

/** 客户管理 › 查看敏感信息: asks for a customer number, shows the two fields or the refusal. */
export function revealFromMenu(ctx: AppContext): RevealResult | null {
  const { t } = ctx;
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(t('ui.reveal.title'), t('ui.reveal.prompt'), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const result = revealSensitive(ctx, answer.getResponseText());
  const text = result.ok
    ? t('ui.reveal.shown', { number: result.customer_no, address: result.address || '—', id: result.id_number || '—' })
    : result.message;
  ui.alert(t('ui.reveal.title'), text, ui.ButtonSet.OK);
  return result;
}

/**
 * 客户管理 › 合并客户: the two numbers, both records side by side (as 客户
 * shows them, sealed fields masked) with the choice of the number to keep,
 * then what moved. A refusal is said in the same dialog.
 */
export function mergeFromMenu(ctx: AppContext, actor: string): MergeDone | null {
  const { t } = ctx;
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(t('merge.title'), t('merge.prompt'), ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  try {
    const { first, second } = previewMerge(ctx, ...mergePair(answer.getResponseText()));
    const lines = first.fields.flatMap((f, i) => {
      const theirs = second.fields[i]!.value;
      return f.value === '' && theirs === '' ? [] : [t('merge.line', { field: f.label, first: f.value || '—', second: theirs || '—' })];
    });
    const choice = ui.alert(t('merge.title'), t('merge.compare', { first: first.customerNo, second: second.customerNo, lines: lines.join('\n') }), ui.ButtonSet.YES_NO_CANCEL);
    if (choice !== ui.Button.YES && choice !== ui.Button.NO) {
      ui.alert(t('merge.title'), t('merge.cancelled'), ui.ButtonSet.OK);
      return null;
    }
    const [kept, other] = choice === ui.Button.YES ? [first, second] : [second, first];
    const done = mergeCustomers(ctx, kept.customerNo, other.customerNo, actor);
    ui.alert(t('merge.title'), done.message, ui.ButtonSet.OK);
    return done;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    ui.alert(t('merge.title'), err.render(ctx.locale), ui.ButtonSet.OK);
    return null;
  }
}
