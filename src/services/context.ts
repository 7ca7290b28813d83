/**
 * What one execution knows: the spreadsheet, the parsed Config, the time
 * and the time zone. Loaded once per execution; tables are opened lazily
 * and kept, so each sheet's header is read at most once (or taken from the
 * script cache by callers that check it under the lock).
 */
import { defaultConfig, parseConfig, type AppConfig, type ConfigError } from '../domain/config';
import { translator, type Locale, type Translate } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CONFIG, TICKETS, type LabelOf, type SheetSpec } from '../sheets/schema';
import { Table } from '../sheets/table';
import { alertAdmin } from './admin-alert';
import { readWorkbookCache, rememberConfigRows, rememberLayout, rememberTicketsLink, type CachedWorkbook } from './workbook-cache';
import type { SheetLink } from '../domain/sheet-link';
import { scriptTimeZone, utcOffsetMinutes } from './platform';
import { isSetupDone } from './store';

/** 配置's data rows: from the script cache when it has them, else read from the sheet (and cached). */
function configRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, cached: CachedWorkbook): { rows: unknown[][]; found: boolean } {
  if (cached.configRows) return { rows: cached.configRows, found: true };
  const sheet = ss.getSheetByName(CONFIG.name);
  if (!sheet) return { rows: [], found: false };
  const rows = sheet.getDataRange().getValues().slice(1);
  rememberConfigRows(rows);
  return { rows, found: true };
}

export class AppContext {
  private readonly tables = new Map<string, Table<string>>();
  /** The execution's messages, in the Config's 通用 / 语言. */
  readonly t: Translate;

  private constructor(
    readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    readonly config: AppConfig,
    readonly configProblems: readonly ConfigError[],
    readonly timeZone: string,
    readonly now: Date,
    /** Setup has run but the 配置 sheet is gone: `config` holds the example defaults, which must not be acted on. */
    readonly configMissing: boolean,
    /** Header rows as the script cache holds them. */
    private readonly layouts: Map<string, string[]>,
    /** 工单's link base as the script cache holds it (undefined: not asked yet in this execution). */
    private link: SheetLink | null | undefined,
  ) {
    this.t = translator(config.locale);
  }

  /** The language of every text this execution renders (stored values stay zh-CN vocabulary). */
  get locale(): Locale {
    return this.config.locale;
  }

  /**
   * Reads and validates the Config sheet. Before setup a missing sheet means
   * the defaults. After setup it means 配置 was renamed or deleted: the
   * defaults are examples (owners at example.com), so the execution stops
   * with a plain message and the admin is mailed — unless the caller only
   * reports it (`configMayBeMissing`: the menu's language, 自检).
   */
  static load(now = new Date(), opts: { configMayBeMissing?: boolean } = {}): AppContext {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const cached = readWorkbookCache();
    const { rows, found } = configRows(ss, cached);
    const { config, errors } = parseConfig(rows, 2);
    const missing = !found && isSetupDone();
    if (missing && !opts.configMayBeMissing) {
      alertAdmin('configMissing', config.locale);
      throw new UserError('config.sheetMissing');
    }
    return new AppContext(ss, config, errors, scriptTimeZone(), now, missing, cached.layouts, cached.ticketsLink ?? undefined);
  }

  /** The sheet's table, typed by its column labels (a write with an unknown column does not compile). */
  table<S extends SheetSpec>(spec: S): Table<LabelOf<S>> {
    return this.opened(spec, false);
  }

  /**
   * The same, its header row taken from the script cache when it is there:
   * for callers that check the layout under the lock before they trust any
   * read or write (intake's lookups, an edit's rows), and follow it when it
   * moved. A table already open in this execution is that table.
   */
  tableFromCache<S extends SheetSpec>(spec: S): Table<LabelOf<S>> {
    return this.opened(spec, true);
  }

  private opened<S extends SheetSpec>(spec: S, fromCache: boolean): Table<LabelOf<S>> {
    let t = this.tables.get(spec.name);
    if (!t) {
      const cachedHeaders = fromCache ? this.layouts.get(spec.name) : undefined;
      t = Table.open(this.ss, spec, { cachedHeaders, onLayout: (headers) => this.layoutRead(spec.name, headers) });
      this.tables.set(spec.name, t);
    }
    return t as Table<LabelOf<S>>;
  }

  /** A header row read from the sheet: cached when the cache holds another (or none). */
  private layoutRead(sheet: string, headers: readonly string[]): void {
    const known = this.layouts.get(sheet);
    if (known && known.length === headers.length && known.every((h, i) => h === headers[i])) return;
    this.layouts.set(sheet, [...headers]);
    rememberLayout(sheet, headers);
  }

  /**
   * What links to a 工单 row are made of (domain/sheet-link.ts): from the
   * script cache, else asked of the spreadsheet once (and cached); null when
   * it cannot be had — a mail goes without its link rather than not at all.
   */
  ticketsLink(): SheetLink | null {
    if (this.link !== undefined) return this.link;
    try {
      // The table open in this execution already has the sheet: no lookup by name.
      const sheet = this.tables.get(TICKETS.name)?.sheet ?? this.ss.getSheetByName(TICKETS.name);
      this.link = sheet ? { url: this.ss.getUrl(), gid: sheet.getSheetId() } : null;
      if (this.link) rememberTicketsLink(this.link);
    } catch (err) {
      console.error(`no link to 工单: ${err instanceof Error ? err.message : String(err)}`);
      this.link = null;
    }
    return this.link;
  }

  get utcOffset(): number {
    return utcOffsetMinutes(this.now, this.timeZone);
  }
}

/**
 * What a UserError becomes when it leaves an entry point: a plain Error whose
 * message is rendered in `locale`, which Apps Script shows as it is (alert,
 * a sidebar's failure handler, the trigger's failure mail).
 */
export function shown(err: unknown, locale: Locale): unknown {
  return err instanceof UserError ? new Error(err.render(locale)) : err;
}

/** Runs an entry point with the execution's context, loaded once; its user errors leave in the context's locale. */
export function withContext<T>(run: (ctx: AppContext) => T, opts: { configMayBeMissing?: boolean } = {}): T {
  let ctx: AppContext;
  try {
    ctx = AppContext.load(new Date(), opts);
  } catch (err) {
    throw shown(err, defaultConfig().locale);
  }
  try {
    return run(ctx);
  } catch (err) {
    throw shown(err, ctx.locale);
  }
}

/**
 * Runs an entry point that loads its context itself, later (setup builds the
 * 配置 sheet first; an edit trigger returns early for the simple trigger).
 * Its user errors leave in the Config's locale, read only when one occurs.
 */
export function rendered<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw shown(err, configLocale());
  }
}

/**
 * The Config's 通用 / 语言 for code that runs before (or without) a context:
 * the 客户管理 menu in onOpen. zh-CN, the default Config's language, when the
 * sheet cannot be read (an add-on's onOpen in AuthMode.NONE, before setup).
 */
export function configLocale(): Locale {
  try {
    return AppContext.load(new Date(), { configMayBeMissing: true }).locale;
  } catch {
    return defaultConfig().locale;
  }
}
