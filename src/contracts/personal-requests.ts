/**
 * What the 个人信息请求 dialog (a customer's PIPL rights: export, correct,
 * delete) and its server functions exchange (types only). Every call is
 * checked on the server against the owner's reveal list.
 */
import type { SidebarSetup } from './sidebars';

export interface PersonalRequestsSetup extends SidebarSetup {
  /** The customer fields a correction may change, in the field contract's order. */
  fields: { key: string; label: string }[];
}

/** The customer a lookup found (by 客户编号, mobile or email), before anything is revealed. */
export interface PersonFound {
  customerNo: string;
  /** '' once the customer's details were deleted. */
  name: string;
  tickets: number;
  /** 最近联系, formatted in the spreadsheet's time zone ('' when unknown). */
  lastContact: string;
  erased: boolean;
}

/** One part of an export: a titled table of plain text. */
export interface ExportSection {
  title: string;
  headers: string[];
  rows: string[][];
}

export interface PersonalExport {
  customerNo: string;
  /** What the download is saved as, e.g. 个人信息_C20261123001_20261202.csv. */
  fileName: string;
  /** The same sections as CSV (UTF-8 with a byte-order mark, for Excel), formula-like cells escaped. */
  csv: string;
  sections: ExportSection[];
}

export interface RequestDone {
  customerNo: string;
  /** What was done, in the Config's language, to show beside the action. */
  message: string;
}
