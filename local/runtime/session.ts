/**
 * Emulated Session: who runs the current execution, the script time zone and
 * the user's locale.
 */
import { createHash } from 'node:crypto';
import type { Env } from './env';
import type { Emulates } from './emulates';

export class UserEmu implements Emulates<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly env: Env,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.env.meter.call('Session', 'User.getEmail');
    return this.email;
  }
}

export class SessionEmu
  implements
    Emulates<
      GoogleAppsScript.Base.Session,
      'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly env: Env) {}

  /** '' as its email when Apps Script would not reveal the user (simple triggers, other domains). */
  getActiveUser(): UserEmu {
    this.env.meter.call('Session', 'Session.getActiveUser');
    return new UserEmu(this.env, this.env.execution.activeUser);
  }

  getEffectiveUser(): UserEmu {
    this.env.meter.call('Session', 'Session.getEffectiveUser');
    return new UserEmu(this.env, this.env.execution.effectiveUser);
  }

  getScriptTimeZone(): string {
    this.env.meter.call('Session', 'Session.getScriptTimeZone');
    return this.env.state.timeZone;
  }

  getActiveUserLocale(): string {
    this.env.meter.call('Session', 'Session.getActiveUserLocale');
    return this.env.state.spreadsheet.locale;
  }

  /** A stable opaque key per user and script, available even when the email is not. */
  getTemporaryActiveUserKey(): string {
    this.env.meter.call('Session', 'Session.getTemporaryActiveUserKey');
    const ex = this.env.execution;
    const user = ex.activeUser || `anonymous:${ex.effectiveUser}`;
    return createHash('sha256').update(`${this.env.state.rng.seed}:user-key:${user}`).digest('base64url').slice(0, 43);
  }
}
