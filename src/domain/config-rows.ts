/**
 * The 配置 sheet's rows as the readers see them: the groups, one row, and
 * the problems found, each with its sheet row number.
 */
import type { Failure } from './config-values';
import type { ConfigError } from './config';
import { format, translator, type Locale } from '../i18n/messages';

/** Group names of the sheet, in the order the defaults are written. */
export const CONFIG_GROUPS = [
  '选项', '字段', '战略客户', '问题类型', '路由', '团队', '主管', '员工', '时限', '优先级',
  '工作时间', '工作日', '日历', '报表', '邮件', '表单', '表单工具', '接口', '通用', '首次响应', '跟进', '定期更新', '短信',
  '通知',
] as const;
export type Group = (typeof CONFIG_GROUPS)[number];

/** A row below the header, with a known group and a key. */
export interface Row {
  row: number;
  key: string;
  value: string;
}

/** The rows of one group, or undefined when the group is absent from the sheet. */
export type GroupRows = (group: Group) => Row[] | undefined;

/** A row written to the sheet: group, key, value, note (说明). */
export type ConfigRow = [Group, string, string, string];

/**
 * The failures of one parse. They are rendered only once the whole sheet is
 * read, in the locale that sheet names (通用 / 语言), so a row error reads in
 * the same language as everything else the execution shows.
 */
export class Collector {
  private readonly failures: { row: number; failure: Failure; fallback?: string; applied?: boolean }[] = [];

  /** Reports a failure on a row; `fallback` names the default that applies instead. */
  report(row: number, failure: Failure, fallback?: string): void {
    this.failures.push({ row, failure, fallback });
  }

  /** Reports a row applied with a correction the failure's text states (nothing ignored, no default). */
  corrected(row: number, failure: Failure): void {
    this.failures.push({ row, failure, applied: true });
  }

  errors(locale: Locale): ConfigError[] {
    const t = translator(locale);
    return this.failures
      .map(({ row, failure, fallback, applied }) => {
        const detail = format(failure.key, failure.params, locale);
        const note = applied ? detail : fallback === undefined
          ? t('config.noteIgnored', { detail })
          : t('config.noteDefault', { detail, fallback });
        return { row, message: t('config.rowError', { row, note }), note };
      })
      .sort((a, b) => a.row - b.row);
  }
}

/** Rows of a group whose key is unique: later duplicates are reported and dropped. */
export function uniqueRows(group: Group, rows: Row[], c: Collector, keyOf: (r: Row) => string = (r) => r.key): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k)) {
      c.report(r.row, { key: 'config.duplicate', params: { group, key: r.key } });
      return false;
    }
    seen.add(k);
    return true;
  });
}
