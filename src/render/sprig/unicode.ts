/**
 * Go's unicode package predicates and per-rune case mappings, which differ from JS string
 * methods: Go maps one rune to one rune (no "ß" -> "SS") and has its own idea of white space.
 */

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** unicode.IsUpper. */
export const isUpper = (ch: string): boolean => UPPER.test(ch);
/** unicode.IsLower. */
export const isLower = (ch: string): boolean => LOWER.test(ch);
/** unicode.IsTitle. */
export const isTitle = (ch: string): boolean => TITLE.test(ch);
/** unicode.IsLetter. */
export const isLetter = (ch: string): boolean => LETTER.test(ch);
/** unicode.IsNumber. */
export const isNumber = (ch: string): boolean => NUMBER.test(ch);
/** unicode.IsDigit. */
export const isDigit = (ch: string): boolean => DIGIT.test(ch);
/** unicode.IsPunct. */
export const isPunct = (ch: string): boolean => PUNCT.test(ch);
/** unicode.IsSpace. */
export const isSpace = (ch: string): boolean => SPACE.test(ch);

function oneRune(mapped: string, ch: string): string {
  return [...mapped].length === 1 ? mapped : ch;
}

/** unicode.ToUpper of one rune. */
export function toUpperRune(ch: string): string {
  return oneRune(ch.toUpperCase(), ch);
}

/** unicode.ToLower of one rune. */
export function toLowerRune(ch: string): string {
  return oneRune(ch.toLowerCase(), ch);
}

/** strings.ToUpper. */
export function goUpper(s: string): string {
  return Array.from(s, toUpperRune).join('');
}

/** strings.ToLower. */
export function goLower(s: string): string {
  return Array.from(s, toLowerRune).join('');
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && isSpace(runes[start] ?? '')) start++;
  while (end > start && isSpace(runes[end - 1] ?? '')) end--;
  return runes.slice(start, end).join('');
}

/** Slices a string by UTF-8 byte offsets, as Go's s[i:j] does; throws Go's error out of range. */
export function byteSlice(s: string, start: number, end?: number): string {
  const bytes = Buffer.from(s, 'utf8');
  const j = end ?? bytes.length;
  if (j < 0 || j > bytes.length) throw new Error(`runtime error: slice bounds out of range [:${j}] with length ${bytes.length}`);
  if (start < 0 || start > j) throw new Error(`runtime error: slice bounds out of range [${start}:${j}]`);
  return bytes.subarray(start, j).toString('utf8');
}
