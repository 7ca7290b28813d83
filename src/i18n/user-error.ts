/**
 * An error meant for the person (or machine client) at the other end: a
 * message key and its parameters, not a sentence. Whoever shows it renders
 * it in the execution's locale (the entry points in main.ts, the webhook
 * reply), so code without a locale at hand can still fail in plain words.
 */
import { format, type Locale, type MessageKey, type ParamArgs } from './messages';

export class UserError<K extends MessageKey = MessageKey> extends Error {
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    readonly key: K,
    ...args: ParamArgs<K>
  ) {
    // The message is the key: a log line stays stable whatever the locale.
    super(key);
    this.name = 'UserError';
    this.params = args[0] ?? {};
  }

  /** The message in `locale`. */
  render(locale: Locale): string {
    return format(this.key, this.params, locale);
  }
}
