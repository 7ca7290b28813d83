/**
 * Edits of the 配置 sheet (the installable edit trigger): what lives outside
 * the spreadsheet and must follow 配置 — the Form's consent sentence — and
 * what 配置 only shows — the owner's reveal list, put back if someone typed
 * a flag there.
 */
import { followAccessInConfig } from './access';
import { AppContext } from './context';
import { followConsentText } from './form-publishing';
import { withScriptLock } from './lock';
import { intakeFormId } from './store';

export function followConfigEdit(): void {
  const formId = intakeFormId();
  if (!formId) return;
  // Under the script lock: setup changes the same Form item, and the later run must read the later 配置.
  withScriptLock(() => {
    const ctx = AppContext.load();
    followConsentText(FormApp.openById(formId), ctx.config.consentText);
    followAccessInConfig(ctx);
  });
}
