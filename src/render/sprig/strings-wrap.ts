/**
 * goutils' byte-oriented text shaping as Sprig exposes it: wrap and wrapWith (WrapCustom) and
 * abbrev and abbrevboth (Abbreviate, AbbreviateFull). Offsets count UTF-8 bytes, as in Go.
 */

const SPACE = 0x20;

function text(bytes: Buffer, start: number, end: number = bytes.length): string {
  return bytes.subarray(start, end).toString('utf8');
}

function lastSpace(bytes: Buffer, start: number, end: number): number {
  for (let i = Math.min(end, bytes.length) - 1; i >= start; i--) if (bytes[i] === SPACE) return i;
  return -1;
}

/** goutils.WrapCustom: wraps at spaces so lines are at most `width` bytes where possible. */
export function wrapCustom(s: string, width: number, newline: string, wrapLongWords: boolean): string {
  if (s === '') return '';
  const nl = newline === '' ? '\n' : newline;
  const limit = Math.max(width, 1);
  const bytes = Buffer.from(s, 'utf8');
  let offset = 0;
  let out = '';
  while (bytes.length - offset > limit) {
    if (bytes[offset] === SPACE) {
      offset++;
      continue;
    }
    const space = lastSpace(bytes, offset, limit + offset + 1);
    if (space >= offset) {
      out += text(bytes, offset, space) + nl;
      offset = space + 1;
    } else if (wrapLongWords) {
      out += text(bytes, offset, offset + limit) + nl;
      offset += limit;
    } else {
      const next = bytes.indexOf(SPACE, offset + limit);
      if (next < 0) {
        out += text(bytes, offset);
        offset = bytes.length;
      } else {
        out += text(bytes, offset, next) + nl;
        offset = next + 1;
      }
    }
  }
  return out + text(bytes, offset);
}

/** goutils.AbbreviateFull: "..." around a window of at most maxWidth bytes; throws on bad widths. */
export function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  if (s === '') return '';
  if (maxWidth < 4) throw new Error('stringutils illegal argument: Minimum abbreviation width is 4');
  const bytes = Buffer.from(s, 'utf8');
  const len = bytes.length;
  if (len <= maxWidth) return s;
  let start = Math.min(offset, len);
  if (len - start < maxWidth - 3) start = len - (maxWidth - 3);
  if (start <= 4) return `${text(bytes, 0, maxWidth - 3)}...`;
  if (maxWidth < 7) throw new Error('stringutils illegal argument: Minimum abbreviation width with offset is 7');
  if (start + maxWidth - 3 < len) return `...${abbreviateFull(text(bytes, start), 0, maxWidth - 3)}`;
  return `...${text(bytes, len - (maxWidth - 3))}`;
}

/** Sprig's abbrev: widths under 4 leave the string as it is. */
export function abbrev(width: number, s: string): string {
  return width < 4 ? s : abbreviateFull(s, 0, width);
}

/** Sprig's abbrevboth: bad widths leave the string as it is. */
export function abbrevBoth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  try {
    return abbreviateFull(s, left, right);
  } catch {
    return '';
  }
}
