/** Emulated User: an email address, as a protection's editors and an edit event's user carry it. */
import type { Env } from '../env';
import type { Emulates } from '../emulates';

export class UserEmu implements Emulates<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly env: Env,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.env.meter.call('Spreadsheet', 'User.getEmail');
    return this.email;
  }
}
