/**
 * The texts of Google's service errors, in the language of the account the
 * script runs for: Apps Script reports quota, lock, permission and
 * out-of-range errors in the owner's language, so a product that matches an
 * English wording breaks for a Chinese owner. The English texts are Google's
 * (Apps Script reference and quota pages, peer-emulator assertions); the
 * Chinese ones are plausible translations where no published text was found —
 * enough to prove the product does not depend on the wording. 自检 records the
 * language a live account really uses.
 */
import type { Env } from './env';

export type Language = 'zh-CN' | 'en';

const TEXTS = {
  mailQuota: { en: 'Service invoked too many times for one day: email.', 'zh-CN': '一天内调用服务的次数过多：email。' },
  lockTimeout: {
    en: 'Lock timeout: another process was holding the lock for too long.',
    'zh-CN': '锁定超时：另一个进程持有锁的时间过长。',
  },
  rangeOutside: {
    en: 'The coordinates of the range are outside the dimensions of the sheet.',
    'zh-CN': '范围的坐标超出了工作表的尺寸。',
  },
  rangeNoRows: { en: 'The number of rows in the range must be at least 1.', 'zh-CN': '范围中的行数必须至少为 1。' },
  rangeNoColumns: { en: 'The number of columns in the range must be at least 1.', 'zh-CN': '范围中的列数必须至少为 1。' },
  rangeRowTooSmall: { en: 'The starting row of the range is too small.', 'zh-CN': '范围的起始行过小。' },
  rangeColumnTooSmall: { en: 'The starting column of the range is too small.', 'zh-CN': '范围的起始列过小。' },
  sheetDeleted: { en: 'The sheet you are trying to access has been deleted.', 'zh-CN': '您尝试访问的工作表已被删除。' },
  rowsOutOfBounds: { en: 'Those rows are out of bounds.', 'zh-CN': '这些行超出了范围。' },
  columnsOutOfBounds: { en: 'Those columns are out of bounds.', 'zh-CN': '这些列超出了范围。' },
  protectedCell: {
    en: 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    'zh-CN': '您正在尝试修改受保护的单元格或对象。如需修改，请与电子表格所有者联系以取消保护。',
  },
  tooManyTriggers: {
    en: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    'zh-CN': '此脚本的触发器过多。必须先从脚本中删除触发器，然后才能添加更多触发器。',
  },
  propertyQuota: {
    en: 'You have exceeded the property storage quota. Please remove some properties and try again.',
    'zh-CN': '您已超出属性存储配额。请移除部分属性后重试。',
  },
  executionTime: { en: 'Exceeded maximum execution time', 'zh-CN': '超出了最长执行时间' },
  triggerRuntime: { en: 'Service using too much computer time for one day', 'zh-CN': '服务在一天内使用的计算机时间过多' },
  tooManyCells: {
    en: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    'zh-CN': '此操作会使工作簿中的单元格数超过 10000000 个的上限。',
  },
  // UrlFetchApp (url-fetch.ts). The English texts are as users reported them (local/runtime/README.md › URL Fetch).
  urlFetchQuota: { en: 'Service invoked too many times for one day: urlfetch.', 'zh-CN': '一天内调用服务的次数过多：urlfetch。' },
  urlFetchPermission: {
    en: 'You do not have permission to call {method}. Required permissions: https://www.googleapis.com/auth/script.external_request',
    'zh-CN': '您无权调用 {method}。所需权限：https://www.googleapis.com/auth/script.external_request',
  },
  urlFetchFailed: {
    en: 'Request failed for {origin} returned code {code}. Truncated server response: {body} (use muteHttpExceptions option to examine full response)',
    'zh-CN': '对 {origin} 的请求失败，返回代码 {code}。截断的服务器响应：{body}（使用 muteHttpExceptions 选项查看完整响应）',
  },
  urlFetchInvalid: { en: 'Invalid argument: {value}', 'zh-CN': '参数无效：{value}' },
  urlFetchDns: { en: 'DNS error: {url}', 'zh-CN': 'DNS 错误：{url}' },
  urlFetchTimeout: { en: 'Timeout: {url}', 'zh-CN': '超时：{url}' },
  urlFetchUnavailable: { en: 'Address unavailable: {url}', 'zh-CN': '地址不可用：{url}' },
  urlFetchCertificate: { en: 'SSL Error: {url}', 'zh-CN': 'SSL 错误：{url}' },
  urlFetchRedirects: { en: 'Too many redirects: {url}', 'zh-CN': '重定向次数过多：{url}' },
  urlFetchUrlLength: { en: 'Limit Exceeded: URLFetch URL Length.', 'zh-CN': '超出限制：URLFetch URL Length。' },
  urlFetchPostSize: { en: 'Limit Exceeded: URLFetch POST Size.', 'zh-CN': '超出限制：URLFetch POST Size。' },
  urlFetchHeaders: { en: 'Limit Exceeded: URLFetch Headers.', 'zh-CN': '超出限制：URLFetch Headers。' },
  urlFetchHeaderSize: { en: 'Limit Exceeded: URLFetch Header Size.', 'zh-CN': '超出限制：URLFetch Header Size。' },
  urlFetchResponseSize: { en: 'Limit Exceeded: URLFetch Response Size.', 'zh-CN': '超出限制：URLFetch Response Size。' },
} satisfies Record<string, Record<Language, string>>;

export type GoogleErrorKey = keyof typeof TEXTS;

/** What fills a text's `{name}` places. */
export type GoogleErrorParams = Record<string, string | number>;

/** The text of a Google error in the world's language, its `{name}` places filled from `params`. */
export function googleText(env: Env, key: GoogleErrorKey, params: GoogleErrorParams = {}): string {
  return TEXTS[key][env.state.language].replace(/\{(\w+)\}/g, (place, name: string) => (name in params ? String(params[name]) : place));
}

/** A Google exception (in the bundle's realm), worded in the world's language. */
export function googleError(env: Env, key: GoogleErrorKey, params: GoogleErrorParams = {}): Error {
  return env.meter.error(`Exception: ${googleText(env, key, params)}`);
}
