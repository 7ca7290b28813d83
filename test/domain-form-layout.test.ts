/**
 * The Form's layout from 配置 and the plan that brings a live Form to it:
 * applied, the plan gives exactly the wanted items in order, and planning
 * again finds nothing to do; 字段 rows are checked one by one.
 */
import fc from 'fast-check';
import { defaultConfig, defaultConfigRows, parseConfig } from '../src/domain/config';
import { FIELD_MARKS, FORM_FIELDS, requiredFieldKeys } from '../src/domain/config-form-fields';
import { formLayout, itemMoves, itemSignature, planFormChanges, retiredAfter, retiredOptions, type StoredLayout, type WantedItem } from '../src/domain/form-layout';
import { FIELDS } from '../src/domain/fields';
import { translator } from '../src/i18n/messages';
import { validateSubmission } from '../src/domain/validate';

const t = translator('zh-CN');
const OPTIONAL = FORM_FIELDS.filter((f) => !f.required).map((f) => f.key);

/** The live Form after a plan: deletes, adds at the end (fresh ids), then the moves; returns the stored layout it leaves. */
function apply(stored: StoredLayout, current: number[], wanted: WantedItem[], nextId: { n: number }): { stored: StoredLayout; current: number[] } {
  const plan = planFormChanges(stored, wanted);
  let items = current.filter((id) => !plan.remove.some((r) => r.id === id));
  const ids: Record<string, number> = Object.fromEntries(Object.entries(stored.items).map(([k, s]) => [k, s.id]));
  for (const w of plan.add) {
    ids[w.key] = nextId.n++;
    items.push(ids[w.key]!);
  }
  if (plan.reorder) {
    for (const m of itemMoves(items, wanted.map((w) => ids[w.key]!))) {
      const [id] = items.splice(m.from, 1);
      items.splice(m.to, 0, id!);
    }
  }
  items = [...items];
  return {
    current: items,
    stored: { items: Object.fromEntries(wanted.map((w) => [w.key, { id: ids[w.key]!, kind: w.kind, sig: itemSignature(w), choices: w.choices }])), order: wanted.map((w) => w.key) },
  };
}

function layoutWith(marks: Record<string, keyof typeof FIELD_MARKS>): WantedItem[] {
  const config = defaultConfig();
  for (const [key, mark] of Object.entries(marks)) config.formFields[key]!.mark = mark;
  return formLayout(config, t);
}

const marksArb = fc.dictionary(fc.constantFrom(...OPTIONAL), fc.constantFrom('required', 'optional', 'hidden') as fc.Arbitrary<keyof typeof FIELD_MARKS>);

describe('planFormChanges', () => {
  test('from any earlier layout (and items staff added, which stay), the plan gives the wanted items in order, and then nothing more to do', () => {
    fc.assert(fc.property(marksArb, marksArb, fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 3 }), (before, after, foreign) => {
      const nextId = { n: 1000 };
      const first = apply({ items: {}, order: [] }, [], layoutWith(before), nextId);
      // Items staff added by hand sit anywhere; they are not ours and stay.
      const current = [...first.current];
      foreign.forEach((at, i) => current.splice(Math.min(at, current.length), 0, 1 + i));
      const wanted = layoutWith(after);
      const second = apply(first.stored, current, wanted, nextId);
      const ours = new Set(Object.values(second.stored.items).map((s) => s.id));
      expect(second.current.filter((id) => ours.has(id))).toEqual(wanted.map((w) => second.stored.items[w.key]!.id));
      expect(second.current.filter((id) => id < 1000)).toHaveLength(foreign.length);
      const again = planFormChanges(second.stored, wanted);
      expect(again).toEqual({ remove: [], add: [], update: [], reorder: false });
    }));
  });

  test('a changed help text updates that item only; the page a choice leads to, added now, updates the choice too', () => {
    const config = defaultConfig();
    const wanted = formLayout(config, t);
    const first = apply({ items: {}, order: [] }, [], wanted, { n: 1 });
    config.formFields['budget']!.help = '大致即可';
    expect(planFormChanges(first.stored, formLayout(config, t)).update.map((w) => w.key)).toEqual(['budget']);
    const noCompany = layoutWith({ position: 'hidden', company_size: 'hidden' });
    const hidden = apply(first.stored, first.current, noCompany, { n: 100 });
    const plan = planFormChanges(hidden.stored, wanted);
    expect(plan.add.map((w) => w.key)).toEqual(['page:company', 'position', 'company_size']);
    expect(plan.update.map((w) => w.key)).toEqual(['customer_kind']);
  });
});

describe('formLayout', () => {
  test('whatever 字段 shows, a person and a company each reach the need page, and no page is empty', () => {
    fc.assert(fc.property(marksArb, (marks) => {
      const items = layoutWith(marks);
      const keys = items.map((i) => i.key);
      const kind = items.find((i) => i.key === 'customer_kind')!;
      for (const page of Object.values(kind.goTo!)) expect(keys).toContain(page);
      items.forEach((item, i) => {
        if (item.kind === 'page') expect(items[i + 1]?.kind).not.toBe('page');
      });
      expect(keys.filter((k) => FIELDS.some((f) => f.key === k && f.required))).toEqual(FIELDS.filter((f) => f.required && f.onForm).map((f) => f.key));
      for (const key of Object.keys(marks)) expect(keys.includes(key)).toBe(marks[key] !== 'hidden');
    }));
  });
});

describe('配置 › 字段 rows', () => {
  const rowsWith = (key: string, value: string) => {
    const rows = defaultConfigRows().map((r) => [...r]);
    const index = rows.findIndex((r) => r[0] === '字段' && r[1] === key);
    rows[index]![2] = value;
    return { ...parseConfig(rows), row: index + 2 };
  };

  test('a field the pipeline needs stays 必填 whatever is typed', () => {
    const needed = FORM_FIELDS.filter((f) => f.required);
    fc.assert(fc.property(fc.constantFrom(...needed), fc.string({ maxLength: 6 }), (f, value) => {
      const { config, errors, row } = rowsWith(f.label, value);
      expect(config.formFields[f.key]!.mark).toBe('required');
      expect(errors.map((e) => e.row)).toEqual(value.trim() === '必填' ? [] : [row]);
    }));
  });

  test('an optional field takes the three marks only; anything else is noted and the default kept', () => {
    fc.assert(fc.property(fc.constantFrom(...FORM_FIELDS.filter((f) => !f.required)), fc.oneof(fc.constantFrom('必填', '选填', '不显示'), fc.string({ minLength: 1, maxLength: 6 })), (f, value) => {
      const { config, errors } = rowsWith(f.label, value);
      const mark = Object.entries(FIELD_MARKS).find(([, v]) => v === value.trim())?.[0];
      expect(config.formFields[f.key]!.mark).toBe(mark ?? 'optional');
      expect(errors).toHaveLength(mark ? 0 : 1);
      expect(requiredFieldKeys(config).includes(f.key)).toBe(mark === 'required');
    }));
  });
});

describe('retired options', () => {
  test('an option the Form offered and 配置 no longer lists is retired from then; offered again, it is not', () => {
    const stored: StoredLayout = { items: { need_type: { id: 1, kind: 'choice', sig: '', choices: ['产品咨询', '售后支持'] } }, order: ['need_type'] };
    const retired = retiredOptions({}, stored, { options: { need_type: ['产品咨询'] } }, 5000);
    expect(retired).toEqual({ need_type: { 售后支持: 5000 } });
    expect(retiredAfter(retired, 4000)).toEqual({ need_type: ['售后支持'] });
    expect(retiredAfter(retired, 6000)).toEqual({ need_type: [] });
    // Later syncs keep the first date; listing it again ends its retirement.
    expect(retiredOptions(retired, { ...stored, items: { need_type: { ...stored.items['need_type']!, choices: ['产品咨询'] } } }, { options: { need_type: ['产品咨询'] } }, 9000)).toEqual(retired);
    expect(retiredOptions(retired, stored, { options: { need_type: ['产品咨询', '售后支持'] } }, 9000)).toEqual({});
  });
});

describe('required marks agree with validation', () => {
  const base = {
    customer_kind: '个人', name: '王小明', industry: '互联网', mobile: '13800138000', need_type: '产品咨询',
    need_description: '需要10台台式电脑，用于新员工办公', time_requirement: '1个月内', consent: '同意',
  };
  test('a field 字段 marks 必填 is refused blank exactly where the Form asks it: of its own customer kind', () => {
    fc.assert(fc.property(fc.constantFrom(...OPTIONAL), fc.constantFrom('个人', '企业'), (key, kind) => {
      const config = defaultConfig();
      config.formFields[key]!.mark = 'required';
      const field = FIELDS.find((f) => f.key === key)!;
      const result = validateSubmission({ ...base, customer_kind: kind }, { options: config.options, required: requiredFieldKeys(config), locale: 'zh-CN' });
      const asked = field.appliesTo === undefined || field.appliesTo === kind;
      expect(result.ok).toBe(!asked);
      if (!result.ok) expect(result.problems.map((p) => p.field)).toEqual([key]);
      // The Form marks it required on the page only that kind reaches.
      expect(formLayout(config, t).find((i) => i.key === key)!.required).toBe(true);
    }));
  });
});
