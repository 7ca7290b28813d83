/**
 * What one execution knows: the spreadsheet, the parsed Config, the time
 * and the time zone. Loaded once per execution; tables are opened lazily
 * and kept, so each sheet's header is read at most once.
 */
import { parseConfig, type AppConfig } from '../domain/config';
import { setDefaultLocale } from '../i18n/messages';
import { CONFIG, type SheetSpec } from '../sheets/schema';
import { Table } from '../sheets/table';
import { scriptTimeZone, utcOffsetMinutes } from './platform';

export interface ConfigProblem {
  row: number;
  message: string;
}

export class AppContext {
  private readonly tables = new Map<string, Table>();

  private constructor(
    readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    readonly config: AppConfig,
    readonly configProblems: readonly ConfigProblem[],
    readonly timeZone: string,
    readonly now: Date,
  ) {}

  /** Reads and validates the Config sheet (a missing sheet means defaults, reported as a problem). */
  static load(now = new Date()): AppContext {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const configSheet = ss.getSheetByName(CONFIG.name);
    const rows = configSheet ? configSheet.getDataRange().getValues().slice(1) : [];
    const { config, errors } = parseConfig(rows, 2);
    setDefaultLocale(config.locale);
    return new AppContext(ss, config, errors, scriptTimeZone(), now);
  }

  table(spec: SheetSpec): Table {
    let t = this.tables.get(spec.name);
    if (!t) {
      t = Table.open(this.ss, spec);
      this.tables.set(spec.name, t);
    }
    return t;
  }

  get utcOffset(): number {
    return utcOffsetMinutes(this.now, this.timeZone);
  }
}
