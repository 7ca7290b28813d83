/**
 * Emulated FormApp: forms, their items, validations and responses, all in
 * state.forms, one class per file. Objects hold ids and look the state up on
 * every call. The emulated form does not enforce its own required marks or
 * validations (docs/local-runtime.md), so the add-on's server-side validation always
 * runs.
 *
 * This module lists every class the bundle can be handed: the runtime and the
 * tests import from here, and the bench times each exported *Emu class.
 */
export { FormAppEmu } from './form-app';
export { FormEmu } from './form';
export { FormResponseEmu } from './form-response';
export { ItemResponseEmu } from './item-response';
export { CheckboxItemEmu } from './items/checkbox-item';
export { ChoiceEmu } from './items/choice';
export { DateItemEmu } from './items/date-item';
export { ItemEmu } from './items/item';
export { ListItemEmu } from './items/list-item';
export { MultipleChoiceItemEmu } from './items/multiple-choice-item';
export { PageBreakItemEmu } from './items/page-break-item';
export { ParagraphTextItemEmu } from './items/paragraph-text-item';
export { RatingItemEmu } from './items/rating-item';
export { ScaleItemEmu } from './items/scale-item';
export { SectionHeaderItemEmu } from './items/section-header-item';
export { TextItemEmu } from './items/text-item';
export { liveForm } from './live-form';
export { ParagraphTextValidationBuilderEmu } from './paragraph-text-validation-builder';
export { TextValidationBuilderEmu } from './text-validation-builder';
export { TextValidationEmu } from './text-validation';
