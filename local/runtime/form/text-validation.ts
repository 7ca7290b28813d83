/**
 * A built text validation: one rule with its help text, marked for plain or
 * paragraph text, since TextItem and ParagraphTextItem each accept only their
 * own kind.
 */
import type { FormItemState } from '../state';

export type ValidationRule = NonNullable<FormItemState['validation']>;

/** What TextValidationBuilder/ParagraphTextValidationBuilder.build() return. */
export class TextValidationEmu {
  constructor(
    readonly rule: ValidationRule,
    readonly paragraph: boolean,
  ) {}
}
