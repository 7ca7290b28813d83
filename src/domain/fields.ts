/**
 * The intake field contract (docs/fields.md) as data: one entry per field, in
 * the spec's order. Keys are stable; labels are what people see; option values
 * are stored exactly as written here.
 */

import { CHANNELS, NEED_REFRESH } from './vocabulary';

export type FieldGroup = 'customer' | 'need' | 'feedback' | 'consent' | 'bookkeeping';

export type FieldType =
  | 'choice'
  | 'text'
  | 'paragraph'
  | 'integer'
  | 'mobile'
  | 'landline'
  | 'email'
  | 'id_number'
  | 'checkbox'
  | 'timestamp';

export type CustomerKind = '个人' | '企业';

export interface FieldDef<K extends string = FieldKey> {
  key: K;
  /** zh-CN label: sheet header, form question, name in messages. */
  label: string;
  /** English label for the `en` locale (keys and stored values never change). */
  labelEn: string;
  /** Other names a CSV/JSON column may use for this field. */
  aliases?: readonly string[];
  group: FieldGroup;
  type: FieldType;
  required: boolean;
  maxLength?: number;
  /** Integers: bounds. need_description: minimum characters of content. */
  min?: number;
  max?: number;
  options?: readonly string[];
  /** Staff may edit this option list in the Config sheet. */
  optionsEditable?: boolean;
  /** The field only makes sense for this customer kind. */
  appliesTo?: CustomerKind;
  /** Free text that is matched against other values (a ticket number): NFKC-folded like options, not kept as typed. */
  folded?: boolean;
  /** Encrypted at rest, masked in views. */
  sensitive?: boolean;
  /** On the Google Form that setup builds. */
  onForm: boolean;
  /** zh-CN help text with an example: the Form's, spoken to the customer, and the sidebars' under zh-CN unless `staffHelp` says otherwise. */
  help: string;
  /** The sidebars' zh-CN help where the Form's speaks to the customer (您, 请填写): staff read it about the customer. */
  staffHelp?: string;
  /** The sidebars' help in English, spoken to staff (examples stay the stored zh-CN values). */
  helpEn: string;
}

const FIELD_LIST = [
  // Customer (客户)
  {
    key: 'customer_kind', label: '客户类型', labelEn: 'Customer type', group: 'customer', type: 'choice', required: true,
    options: ['个人', '企业'], onForm: true, help: '请选择个人或企业，例：企业',
    helpEn: 'Choose person or company, e.g. 企业',
  },
  {
    key: 'name', label: '姓名/企业名称', labelEn: 'Name / company name', aliases: ['姓名', '企业名称', '名称'],
    group: 'customer', type: 'text', required: true, maxLength: 100, onForm: true,
    help: '个人填写姓名，企业填写企业全称，例：张三 或 北京示例科技有限公司',
    helpEn: 'A person’s name or the company’s full name, e.g. 张三 or 北京示例科技有限公司',
  },
  {
    key: 'gender', label: '性别', labelEn: 'Gender', group: 'customer', type: 'choice', required: false,
    options: ['男', '女'], appliesTo: '个人', onForm: true, help: '个人客户选填，例：女',
    helpEn: 'Optional for a person, e.g. 女',
  },
  {
    key: 'age', label: '年龄', labelEn: 'Age', group: 'customer', type: 'integer', required: false, min: 1, max: 120,
    appliesTo: '个人', onForm: true, help: '个人客户选填，1到120之间的整数，例：35',
    helpEn: 'Optional for a person, a whole number from 1 to 120, e.g. 35',
  },
  {
    key: 'position', label: '职位', labelEn: 'Position', group: 'customer', type: 'text', required: false, maxLength: 50,
    appliesTo: '企业', onForm: true, help: '企业客户选填，填写联系人的职位，例：采购经理',
    helpEn: 'Optional for a company: the contact’s position, e.g. 采购经理',
  },
  {
    key: 'company_size', label: '企业规模', labelEn: 'Company size', group: 'customer', type: 'choice', required: false,
    options: ['50人以下', '50-200人', '200人以上'], appliesTo: '企业', onForm: true, help: '企业客户选填，例：50-200人',
    helpEn: 'Optional for a company, e.g. 50-200人',
  },
  {
    key: 'industry', label: '所属行业', labelEn: 'Industry', group: 'customer', type: 'choice', required: true,
    options: ['制造业', '零售', '互联网', '教育', '金融', '医疗', '政府/公共事业', '其他'], optionsEditable: true,
    onForm: true, help: '请选择最接近的行业，例：制造业',
    helpEn: 'The closest industry, e.g. 制造业',
  },
  {
    key: 'mobile', label: '手机号', labelEn: 'Mobile', aliases: ['手机', '手机号码'], group: 'customer', type: 'mobile',
    required: true, onForm: true, help: '11位中国大陆手机号，例：13800138000',
    helpEn: 'An 11-digit mainland China mobile number, e.g. 13800138000',
  },
  {
    key: 'landline', label: '固定电话', labelEn: 'Landline', aliases: ['座机'], group: 'customer', type: 'landline',
    required: false, onForm: true, help: '区号加号码，可带分机号，例：010-12345678 或 0755-1234567-123',
    helpEn: 'Area code and number, an extension allowed, e.g. 010-12345678 or 0755-1234567-123',
  },
  {
    key: 'email', label: '电子邮箱', labelEn: 'Email', aliases: ['邮箱', '电子邮件', '邮箱地址', '电子邮箱地址', '电子邮件地址', '邮件地址', 'Email address', 'E-mail'], group: 'customer', type: 'email',
    required: false, onForm: true, help: '用于接收受理确认和处理进度，例：zhangsan@example.com',
    staffHelp: '填写后客户会收到受理确认和处理进度邮件，例：zhangsan@example.com',
    helpEn: 'For the acknowledgement and progress mails, e.g. zhangsan@example.com',
  },
  {
    key: 'address', label: '联系地址', labelEn: 'Address',
    // A person's own address under its usual export names; a company's (公司地址, 单位地址, 办公地址) is
    // business contact information and stays an unknown column (docs/fields.md).
    aliases: [
      '地址', '住址', '家庭住址', '家庭地址', '居住地址', '现住址', '现居住地址', '户籍地址', '常住地址', '收货地址',
      '通讯地址', '通信地址', '邮寄地址', '详细地址', '联系人地址',
      'Home address', 'Mailing address', 'Postal address', 'Shipping address', 'Contact address',
    ], group: 'customer', type: 'text',
    required: false, maxLength: 200, sensitive: true, onForm: true,
    help: '选填，加密保存，例：北京市海淀区中关村大街1号',
    helpEn: 'Optional, stored encrypted, e.g. 北京市海淀区中关村大街1号',
  },
  {
    key: 'id_number', label: '证件号码', labelEn: 'ID number',
    // Not a bare "ID" or "ID No.": in a CRM export that is the record's own number.
    aliases: [
      '身份证', '身份证号', '身份证号码', '身份证件号码', '居民身份证', '居民身份证号', '居民身份证号码', '公民身份号码',
      '身份号码', '证件', '证件号', '证件编号', 'ID card', 'ID card number', 'ID card no', 'Identity card',
      'Identity number', 'National ID',
    ], group: 'customer',
    type: 'id_number', required: false, sensitive: true, onForm: false,
    help: '18位居民身份证号码，仅在必要时填写，加密保存，例：11010519491231002X',
    helpEn: 'An 18-character resident ID number, only when needed, stored encrypted, e.g. 11010519491231002X',
  },
  {
    key: 'source_channel', label: '来源渠道', labelEn: 'Source channel', group: 'customer', type: 'choice', required: false,
    options: ['官网', '公众号', '小程序', '邮件', '短信', '展会', '上门拜访', '电话', '朋友推荐', '其他'],
    optionsEditable: true, onForm: true, help: '您是从哪里了解到我们的，例：公众号',
    staffHelp: '客户是从哪里了解到我们的，例：公众号',
    helpEn: 'How the customer heard of us, e.g. 公众号',
  },
  {
    key: 'referrer', label: '推荐人信息', labelEn: 'Referrer', group: 'customer', type: 'text', required: false,
    maxLength: 100, onForm: true, help: '如有推荐人请填写姓名或公司，例：李四（示例科技）',
    staffHelp: '客户的推荐人（姓名或公司），没有则留空，例：李四（示例科技）',
    helpEn: 'The referrer’s name or company, if any, e.g. 李四（示例科技）',
  },
  // Need (需求)
  {
    key: 'need_type', label: '需求类型', labelEn: 'Need type', group: 'need', type: 'choice', required: true,
    options: ['产品咨询', '合作洽谈', '售后支持', '技术支持', NEED_REFRESH, '其他'], optionsEditable: true, onForm: true, help: '例：产品咨询',
    helpEn: 'e.g. 产品咨询',
  },
  {
    key: 'need_description', label: '具体需求描述', labelEn: 'Need description', aliases: ['需求描述'], group: 'need',
    type: 'paragraph', required: true, maxLength: 5000, min: 10, onForm: true,
    help: '请尽量具体地描述需求（至少10个字），例：需要10台台式电脑，用于新员工办公',
    staffHelp: '尽量具体地记下客户的需求（至少10个字），例：需要10台台式电脑，用于新员工办公',
    helpEn: 'The customer’s need, as specific as possible (at least 10 characters), e.g. 需要10台台式电脑，用于新员工办公',
  },
  {
    key: 'product_version', label: '当前使用的产品版本', labelEn: 'Product version', aliases: ['产品版本'], group: 'need',
    type: 'text', required: false, maxLength: 50, onForm: true, help: '如已在使用我们的产品请填写版本，例：V3.2',
    staffHelp: '客户正在使用的我们产品的版本，没有则留空，例：V3.2',
    helpEn: 'The version of our product the customer uses, if any, e.g. V3.2',
  },
  {
    key: 'budget', label: '预算范围', labelEn: 'Budget', group: 'need', type: 'choice', required: false,
    options: ['1万以下', '1-5万', '5-10万', '10万以上'], onForm: true, help: '例：1-5万',
    helpEn: 'e.g. 1-5万',
  },
  {
    key: 'expected_response', label: '期望响应时间', labelEn: 'Expected response', group: 'need', type: 'choice',
    required: false, options: ['24小时内', '3个工作日内', '1周内'], onForm: true, help: '希望我们多快联系您，例：3个工作日内',
    staffHelp: '客户希望我们多快联系，例：3个工作日内',
    helpEn: 'How soon the customer wants to hear from us, e.g. 3个工作日内',
  },
  {
    key: 'time_requirement', label: '时间要求', labelEn: 'Time requirement', group: 'need', type: 'choice', required: true,
    options: ['1周内', '1个月内', '3个月内'], onForm: true, help: '希望需求在多长时间内落实，例：1个月内',
    staffHelp: '客户希望需求在多长时间内落实，例：1个月内',
    helpEn: 'When the customer wants the need met, e.g. 1个月内',
  },
  {
    key: 'cooperation_mode', label: '期望合作方式', labelEn: 'Cooperation mode', group: 'need', type: 'choice',
    required: false, options: ['一次性购买', '长期合作', '试用体验'], onForm: true, help: '例：试用体验',
    helpEn: 'e.g. 试用体验',
  },
  // Feedback (反馈)
  {
    key: 'satisfaction', label: '满意度评分', labelEn: 'Satisfaction', group: 'feedback', type: 'integer', required: false,
    min: 1, max: 5, onForm: true, help: '1到5分，5分为非常满意，例：4',
    helpEn: '1 to 5, 5 is very satisfied, e.g. 4',
  },
  {
    key: 'feedback', label: '反馈内容', labelEn: 'Feedback', group: 'feedback', type: 'paragraph', required: false,
    maxLength: 5000, onForm: true, help: '对产品或服务的意见和建议，例：安装人员很专业，但预约等待时间较长',
    staffHelp: '客户对产品或服务的意见和建议，例：安装人员很专业，但预约等待时间较长',
    helpEn: 'The customer’s comments on the product or service, e.g. 安装人员很专业，但预约等待时间较长',
  },
  {
    key: 'related_ticket', label: '关联工单号', labelEn: 'Related ticket', group: 'feedback', type: 'text', required: false,
    folded: true, maxLength: 50, onForm: true, help: '如是对已有工单的反馈请填写工单号，例：T20240501001',
    staffHelp: '客户反馈的是已有工单时，填写该工单号，例：T20240501001',
    helpEn: 'The ticket number, if the customer writes about an existing ticket, e.g. T20240501001',
  },
  {
    key: 'notes', label: '备注', labelEn: 'Notes', group: 'feedback', type: 'paragraph', required: false, maxLength: 2000,
    onForm: true, help: '其他需要说明的情况，例：工作日下午方便接听电话',
    helpEn: 'Anything else worth knowing, e.g. 工作日下午方便接听电话',
  },
  // Consent and bookkeeping
  {
    key: 'consent', label: '个人信息处理同意', labelEn: 'Consent to personal data processing', group: 'consent',
    type: 'checkbox', required: true, onForm: true, help: '请勾选同意后再提交，例：勾选“同意”',
    staffHelp: '客户同意后才勾选：纸质表单上客户已勾选，或电话中已向客户读出上面的声明并得到同意',
    helpEn: 'Tick only once the customer agreed (ticked on the paper form, or read out on the phone and agreed), e.g. “同意” (ticked)',
  },
  {
    key: 'submitted_at', label: '填写日期', labelEn: 'Submitted at', group: 'bookkeeping', type: 'timestamp',
    required: false, onForm: false,
    // Staff give it for a paper or phone form (sidebar, 导入); the Form's and the webhook's is when they arrived.
    help: '客户填写纸质表单或来电的日期和时间，不能晚于现在，也不能早于 30 天前；留空则按录入时间记，例：2026-11-20 14:30',
    helpEn: 'When the customer filled in the paper form or called; not in the future nor more than 30 days ago; blank: the entry time, e.g. 2026-11-20 14:30',
  },
  {
    key: 'handler', label: '经办人', labelEn: 'Handler', group: 'bookkeeping', type: 'text', required: false,
    maxLength: 200, onForm: false,
    help: '接电话或收纸质表单的员工（在线表单、接口由系统填写），例：张三',
    helpEn: 'Who took the call or collected the paper form (the system fills it for the Form and the webhook), e.g. 张三',
  },
  {
    key: 'channel', label: '收集渠道', labelEn: 'Channel', group: 'bookkeeping', type: 'choice', required: false,
    options: CHANNELS, onForm: false, help: '系统自动填写，例：在线表单',
    helpEn: 'Filled in by the system, e.g. 在线表单',
  },
] as const satisfies readonly FieldDef<string>[];

export type FieldKey = (typeof FIELD_LIST)[number]['key'];

/** Keys of the choice fields. */
export type ChoiceKey = Extract<(typeof FIELD_LIST)[number], { type: 'choice' }>['key'];

export const FIELDS: readonly FieldDef[] = FIELD_LIST;

type FieldEntry = (typeof FIELD_LIST)[number];

/**
 * Each field's zh-CN label by key, with its literal type. A field's label is
 * also the header of its column; the sheet schema takes it from here.
 */
export const FIELD_LABEL = Object.fromEntries(FIELD_LIST.map((f) => [f.key, f.label])) as {
  readonly [F in FieldEntry as F['key']]: F['label'];
};

/** Default option lists of every choice field, by key. */
export const CHOICE_OPTIONS = Object.fromEntries(
  FIELDS.filter((f) => f.type === 'choice').map((f) => [f.key, f.options ?? []]),
) as Readonly<Record<ChoiceKey, readonly string[]>>;

// Derived columns (docs/fields.md, "derived columns"); their values are stored vocabulary (vocabulary.ts).
export const DEFAULT_ISSUE_TYPES = ['功能缺陷', '操作疑问', '服务建议', '其他'] as const;

// A bracketed part of a column name, full- or half-width: （选填）, (必填), 【必填】, [可选] ….
const BRACKETED = /[([【〔〈《<][^)\]】〕〉》>]*[)\]】〕〉》>]/g;

/**
 * Lookup form of a column name: NFKC (full-width brackets and letters become half-width),
 * bracketed parts removed, whitespace, `_`, `-`, `.`, `*` and colons removed, lower case —
 * so `证件号码（选填）`, `身份证号*`, ` ID_Card ` and `ｉｄ－ｃａｒｄ` name their fields.
 */
function lookupForm(name: string): string {
  return name.normalize('NFKC').replace(BRACKETED, '').replace(/[\s_\-.*:]/g, '').toLowerCase();
}

const BY_NAME: ReadonlyMap<string, FieldDef> = (() => {
  const map = new Map<string, FieldDef>();
  for (const f of FIELDS) {
    for (const name of [f.key, f.label, f.labelEn, ...(f.aliases ?? [])]) {
      const form = lookupForm(name);
      const taken = map.get(form);
      // Two fields under one name would file a column under whichever came last.
      if (taken && taken !== f) throw new Error(`Field name ${name} names both ${taken.key} and ${f.key}`);
      map.set(form, f);
    }
  }
  return map;
})();

/** The field named by its key, zh-CN label, English label or an alias, in any of their lookup forms. */
export function fieldByName(name: string): FieldDef | undefined {
  if (name.length > 200) return undefined;
  return BY_NAME.get(lookupForm(name));
}

const BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.key, f]));

/** The field of a key; throws on a key outside the contract (a programming error). */
export function fieldByKey(key: FieldKey): FieldDef {
  const f = BY_KEY.get(key);
  if (!f) throw new Error(`Unknown field key: ${key}`);
  return f;
}

/** The label of a field in a locale. */
export function fieldLabel(key: FieldKey, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const f = fieldByKey(key);
  return locale === 'en' ? f.labelEn : f.label;
}
