/**
 * Case conversions as Sprig's libraries do them: huandu/xstrings' word splitting for snakecase,
 * kebabcase and camelcase (PascalCase), Go's strings.Title, and goutils' untitle, swapcase,
 * initials and nospace.
 */
import { isLetter, isLower, isNumber, isPunct, isSpace, isTitle, isUpper, toLowerRune, toUpperRune } from './unicode.js';

type WordType = 'invalid' | 'number' | 'upper' | 'alpha' | 'connector' | 'punct' | 'other';

interface Word {
  type: WordType;
  text: string[];
}

const isConnector = (r: string): boolean => r === '-' || r === '_' || isSpace(r);

function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const cp = r.codePointAt(0) ?? 0;
  if (cp < 0x3400) return true;
  if (cp >= 0x4e00 && cp <= 0x9fcc) return false;
  if (cp >= 0x3400 && cp <= 0x4d85) return false;
  return !(cp >= 0x20000 && cp <= 0x2b81d);
}

function takeWhile(runes: string[], start: number, pred: (r: string) => boolean): number {
  let i = start;
  while (i < runes.length && pred(runes[i] ?? '')) i++;
  return i;
}

function upperWordEnd(runes: string[], start: number): number {
  const next = runes[start + 1];
  if (next === undefined) return start + 1;
  if (isUpper(next)) {
    const end = takeWhile(runes, start + 1, isUpper);
    return end < runes.length && isAlphabet(runes[end] ?? '') ? end - 1 : end;
  }
  if (isAlphabet(next)) return takeWhile(runes, start + 1, (r) => isAlphabet(r) && !isUpper(r));
  return start + 1;
}

/** xstrings' nextWord: classifies the word at `start` and returns where it ends. */
function nextWord(runes: string[], start: number): { type: WordType; end: number } {
  const r = runes[start] ?? '';
  if (isConnector(r)) return { type: 'connector', end: takeWhile(runes, start + 1, isConnector) };
  if (isPunct(r)) return { type: 'punct', end: takeWhile(runes, start + 1, isPunct) };
  if (isUpper(r)) return { type: 'upper', end: upperWordEnd(runes, start) };
  if (isAlphabet(r)) return { type: 'alpha', end: takeWhile(runes, start + 1, (x) => isAlphabet(x) && !isUpper(x)) };
  if (isNumber(r)) return { type: 'number', end: takeWhile(runes, start + 1, isNumber) };
  const other = (x: string): boolean => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x));
  return { type: 'other', end: takeWhile(runes, start + 1, other) };
}

function splitWords(s: string): Word[] {
  const runes = [...s];
  const words: Word[] = [];
  for (let i = 0; i < runes.length; ) {
    const { type, end } = nextWord(runes, i);
    words.push({ type, text: runes.slice(i, end) });
    i = end;
  }
  return words;
}

function lowerWord(w: Word, connector: string): string {
  if (w.type !== 'upper' && w.type !== 'connector') return w.text.join('');
  return w.text.map((r) => (isConnector(r) ? connector : isUpper(r) ? toLowerRune(r) : r)).join('');
}

const INVALID: Word = { type: 'invalid', text: [] };
const SOFT = new Set<WordType>(['invalid', 'punct', 'connector']);

/** Walks the words as xstrings' nextWord does, yielding an invalid word past the end. */
class WordCursor {
  private k = 0;
  constructor(private readonly words: Word[]) {}
  take(): Word {
    return this.words[this.k++] ?? INVALID;
  }
  more(): boolean {
    return this.k < this.words.length;
  }
}

interface Step {
  out: string;
  w: Word;
}

function letterAndNumberRun(c: WordCursor, w: Word, conn: string): Step {
  let out = '';
  while (w.type === 'alpha' || w.type === 'number') {
    out += lowerWord(w, conn);
    w = c.take();
  }
  return { out, w };
}

function afterLetters(c: WordCursor, w: Word, conn: string): Step {
  const hard = (t: WordType): boolean => t !== 'connector' && t !== 'punct';
  if (w.type !== 'number') return { out: hard(w.type) ? conn : '', w };
  if (!c.more()) return { out: '', w };
  const num = w;
  w = c.take();
  if (w.type !== 'alpha') return { out: lowerWord(num, conn) + (hard(w.type) ? conn : ''), w };
  const run = letterAndNumberRun(c, w, conn);
  return { out: conn + lowerWord(num, conn) + run.out + (SOFT.has(run.w.type) ? '' : conn), w: run.w };
}

/** xstrings' camelCaseToLowerCase: snake_case or kebab-case with a connector. */
export function toDelimitedLower(s: string, connector: string): string {
  if (s === '') return '';
  const c = new WordCursor(splitWords(s));
  let out = '';
  let w = c.take();
  while (c.more()) {
    if (w.type !== 'connector') out += lowerWord(w, connector);
    const prev = w;
    w = c.take();
    let step: Step | undefined;
    if (prev.type === 'number') {
      step = letterAndNumberRun(c, w, connector);
      step.out += SOFT.has(step.w.type) ? '' : connector;
    } else if (prev.type === 'connector') out += lowerWord(prev, connector);
    else if (prev.type !== 'punct') step = afterLetters(c, w, connector);
    if (step !== undefined) {
      out += step.out;
      w = step.w;
    }
  }
  return out + lowerWord(w, connector);
}

/** xstrings.ToPascalCase (Sprig's camelcase): words joined, each capitalised, connectors dropped. */
export function toPascalCase(s: string): string {
  const runes = [...s];
  let out = '';
  let i = 0;
  for (; i < runes.length && isConnector(runes[i] ?? ''); i++) out += runes[i];
  if (i >= runes.length) return out;
  let firstUpper = isUpper(runes[i] ?? '');
  let r0 = toUpperRune(runes[i] ?? '');
  for (i++; i < runes.length; i++) {
    const r1 = r0;
    r0 = runes[i] ?? '';
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      continue;
    }
    if (firstUpper && isUpper(r0)) r0 = toLowerRune(r0);
    else firstUpper = false;
    out += r1;
  }
  return out + r0;
}

function isTitleSeparator(r: string): boolean {
  const cp = r.codePointAt(0) ?? 0;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(r);
  if (isLetter(r) || /^\p{Nd}$/u.test(r)) return false;
  return isSpace(r);
}

/** strings.Title: the first letter of each word in title case. */
export function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const r of s) {
    out += isTitleSeparator(prev) ? toUpperRune(r) : r;
    prev = r;
  }
  return out;
}

/** goutils.Uncapitalize: the first letter of each space-separated word in lower case. */
export function untitle(s: string): string {
  let next = true;
  let out = '';
  for (const r of s) {
    if (isSpace(r)) {
      next = true;
      out += r;
    } else {
      out += next ? toLowerRune(r) : r;
      next = false;
    }
  }
  return out;
}

/** goutils.SwapCase: upper and title case to lower, lower to upper. */
export function swapCase(s: string): string {
  return Array.from(s, (r) => (isUpper(r) || isTitle(r) ? toLowerRune(r) : isLower(r) ? toUpperRune(r) : r)).join('');
}

/** goutils.Initials: the first rune of each white-space separated word. */
export function initials(s: string): string {
  let gap = true;
  let out = '';
  for (const r of s) {
    if (isSpace(r)) gap = true;
    else if (gap) {
      out += r;
      gap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace. */
export function deleteWhiteSpace(s: string): string {
  return Array.from(s)
    .filter((r) => !isSpace(r))
    .join('');
}
