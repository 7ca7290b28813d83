/**
 * Emulated Choice: one option of a multiple-choice, list or checkbox question;
 * a multiple-choice option may lead to a page (Apps Script reference, Choice:
 * getGotoPage and getPageNavigationType "only apply to choices associated with
 * MultipleChoiceItems; for other choices, it returns null").
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { PageNavigation } from '../../state';
import { navigationType } from './navigation';
import { PageBreakItemEmu } from './page-break-item';

export class ChoiceEmu implements Emulates<GoogleAppsScript.Forms.Choice, 'getValue' | 'getGotoPage' | 'getPageNavigationType'> {
  constructor(
    private readonly env: Env,
    private readonly value: string,
    private readonly formId: string,
    private readonly navigation: PageNavigation | null = null,
  ) {}

  getValue(): string {
    this.env.meter.call('Form', 'Choice.getValue');
    return this.value;
  }

  getGotoPage(): PageBreakItemEmu | null {
    this.env.meter.call('Form', 'Choice.getGotoPage');
    return typeof this.navigation === 'number' ? new PageBreakItemEmu(this.env, this.formId, this.navigation) : null;
  }

  /** null for a choice without navigation (the typings omit the null the reference names). */
  getPageNavigationType(): GoogleAppsScript.Forms.PageNavigationType {
    this.env.meter.call('Form', 'Choice.getPageNavigationType');
    return (this.navigation === null ? null : navigationType(this.navigation)) as unknown as GoogleAppsScript.Forms.PageNavigationType;
  }

  /** Host (not metered). */
  valueForHost(): string {
    return this.value;
  }

  /** Host (not metered). */
  navigationForHost(): PageNavigation | null {
    return this.navigation;
  }
}
