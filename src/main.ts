/**
 * Apps Script entry points. Each is listed in entry-points.json, from which
 * the build declares a top-level function; no logic lives here.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi().createMenu('客户管理').addItem('初始化/修复', 'setup').addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
