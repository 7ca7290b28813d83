/**
 * The 字段 group of 配置: per Form field, whether it is on the Form and
 * required (必填 / 选填 / 不显示), and its help text. The fields the pipeline
 * needs (the contract's required ones) stay 必填; the consent box follows
 * 表单 › 同意声明 and the privacy notice, so it has no rows here. What is
 * required here is required on every channel (validate.ts), so the Form and
 * the webhook or manual entry never disagree.
 */
import type { AppConfig } from './config';
import { uniqueRows, type Collector, type ConfigRow, type GroupRows } from './config-rows';
import { FIELDS, fieldByName, type FieldDef, type FieldKey } from './fields';
import { normaliseText } from './normalise';

/** How a field stands on the Form; the stored values are these words. */
export const FIELD_MARKS = { required: '必填', optional: '选填', hidden: '不显示' } as const;
export type FieldMark = keyof typeof FIELD_MARKS;

export interface FormFieldSetting {
  mark: FieldMark;
  help: string;
}

/** A help text the Form shows under the question: a sentence or two. */
export const HELP_MAX = 300;

const HELP_SUFFIX = ' › 帮助文字';
/** A help row's key: the field's name, then › (or >) and 帮助文字. */
const HELP_KEY = /^(.+?)\s*[›>]\s*帮助文字$/;

/** The fields 字段 governs: on the Form, the consent box apart. */
export const FORM_FIELDS: readonly FieldDef[] = FIELDS.filter((f) => f.onForm && f.type !== 'checkbox');

export function defaultFormFields(): Record<string, FormFieldSetting> {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f.key, { mark: f.required ? 'required' : 'optional', help: f.help }]));
}

export function formFieldRows(c: AppConfig): ConfigRow[] {
  return FORM_FIELDS.flatMap((f): ConfigRow[] => {
    const s = c.formFields[f.key]!;
    const markNote = f.required ? '处理工单必需，只能为 必填' : '必填、选填 或 不显示（不显示：不出现在表单上，其他渠道仍可填写）';
    return [
      ['字段', f.label, FIELD_MARKS[s.mark], markNote],
      ['字段', f.label + HELP_SUFFIX, s.help, `表单上“${f.label}”下方的说明，最多${HELP_MAX}字；留空则不显示`],
    ];
  });
}

/** Reads the 字段 rows: each row checked on its own; a bad row keeps the field's default. */
export function readFormFields(config: AppConfig, sheet: GroupRows, c: Collector): void {
  const rows = sheet('字段');
  if (!rows) return;
  const governed = FORM_FIELDS.map((f) => f.label).join('、');
  const target = (key: string) => {
    const help = HELP_KEY.exec(key)?.[1];
    return { field: fieldByName(help ?? key), help: help !== undefined };
  };
  for (const r of uniqueRows('字段', rows, c, (r) => { const t = target(r.key); return `${t.field?.key ?? r.key}:${t.help}`; })) {
    const { field, help } = target(r.key);
    if (!field || !FORM_FIELDS.includes(field)) {
      c.report(r.row, { key: 'config.notFormField', params: { key: r.key, keys: governed } });
      continue;
    }
    const setting = config.formFields[field.key]!;
    if (help) {
      // As typed (full-width punctuation kept): customers read it.
      const text = r.value.trim();
      if (text.length > HELP_MAX) c.report(r.row, { key: 'config.helpTooLong', params: { key: field.label, max: HELP_MAX, length: text.length } }, setting.help);
      else setting.help = text;
      continue;
    }
    const value = normaliseText(r.value);
    const mark = (Object.keys(FIELD_MARKS) as FieldMark[]).find((m) => FIELD_MARKS[m] === value);
    if (!mark) c.report(r.row, { key: 'config.badFieldMark', params: { key: field.label, value } }, FIELD_MARKS[setting.mark]);
    else if (field.required && mark !== 'required') c.report(r.row, { key: 'config.fieldNeeded', params: { key: field.label } }, FIELD_MARKS.required);
    else setting.mark = mark;
  }
}

/** Every field a submission must fill in on any channel: the contract's, and those 字段 marks 必填. */
export function requiredFieldKeys(config: Pick<AppConfig, 'formFields'>): FieldKey[] {
  return FIELDS.filter((f) => f.required || config.formFields[f.key]?.mark === 'required').map((f) => f.key);
}
