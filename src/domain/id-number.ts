/**
 * Mainland resident ID numbers (GB 11643-1999): the check character, what is
 * wrong with a number, the old 15-digit form's 18-character equivalent, and
 * whether a text reads as an ID number at all — so that one typed where no
 * field expects it is still treated as sensitive.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export type IdProblem = 'idFormat' | 'idChecksum' | 'idBirthDate';

/** What is wrong with a (normalised) resident ID number, or null when it is valid. */
export function idNumberProblem(s: string): IdProblem | null {
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return 'idFormat';
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2099 || !isCalendarDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return 'idBirthDate';
  return idCheckChar(s.slice(0, 17)) === s[17] ? null : 'idChecksum';
}

/**
 * The 18-character number of an old 15-digit one (region, 19 + YYMMDD, sequence; a check
 * character added), as the 1999 standard converted them; undefined when it is not one
 * (its birth date is no date).
 */
export function upgradedIdNumber(old: string): string | undefined {
  if (!/^[1-9]\d{14}$/.test(old)) return undefined;
  const first17 = `${old.slice(0, 6)}19${old.slice(6)}`;
  const full = first17 + idCheckChar(first17);
  return idNumberProblem(full) === null ? full : undefined;
}

/** Whether a text, spaces and dashes aside, is a valid resident ID number (18 characters, or the old 15 digits). */
export function looksLikeIdNumber(s: string): boolean {
  const compact = s.replace(/[\s-]/g, '').toUpperCase();
  return idNumberProblem(compact) === null || upgradedIdNumber(compact) !== undefined;
}

// Runs of digits long enough to be an ID number (an X may end one), not inside a longer run; free
// text keeps what was typed, so full-width digits (０-９, Ｘ) count too.
const DIGIT_RUN = /(?<![\d０-９XxＸｘ])[\d０-９]{14,17}[\d０-９XxＸｘ](?![\d０-９XxＸｘ])/g;

/** The text with every ID number in it starred out, for a message that quotes what was typed. */
export function starIdNumbers(s: string): string {
  return s.replace(DIGIT_RUN, (run) => (looksLikeIdNumber(run.normalize('NFKC')) ? '*'.repeat(run.length) : run));
}
