/**
 * Cutting text to a size limit cleanly: at a code point (a UTF-16 surrogate
 * pair, hence a UTF-8 character, is never split), with a marker saying text
 * was cut, and the result measured as the receiving service measures it.
 */

/** Bytes of a string in UTF-8; a lone surrogate counts as the 3 bytes of the U+FFFD it is sent as. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * `text` when `fits(text)`; otherwise its longest prefix (whole code points,
 * trailing spaces dropped) that fits with `marker` appended, marker included;
 * when not even the marker fits, the longest prefix that fits without it.
 * `fits` must be monotone: if a string fits, every prefix of it fits.
 */
export function fitText(text: string, fits: (candidate: string) => boolean, marker: string): string {
  if (fits(text)) return text;
  const points = Array.from(text);
  const longest = (suffix: string): number => {
    let lo = 0;
    let hi = points.length - 1; // the whole text does not fit
    if (!fits(suffix)) return -1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(points.slice(0, mid).join('') + suffix)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const withMarker = longest(marker);
  if (withMarker >= 0) return points.slice(0, withMarker).join('').trimEnd() + marker;
  const bare = longest('');
  return bare > 0 ? points.slice(0, bare).join('') : '';
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, `marker` included, at a code point. */
export function truncateUtf8(text: string, maxBytes: number, marker: string): string {
  return fitText(text, (s) => utf8Length(s) <= maxBytes, marker);
}
