/**
 * Scalar styles as libyaml's emitter (inside Go's yaml.v2) picks and writes them: plain, single
 * quoted, double quoted or literal, folded at column 80 the way it folds them.
 */
import { isBase60Float, resolvesAsString } from './go-yaml-resolve.js';

const BEST_WIDTH = 80;

/** The length in code points (what the emitter's column counts), without spreading the string. */
function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The output being built: text plus the column the next character lands in. */
export class EmitBuffer {
  private readonly parts: string[] = [];
  /** Characters written on the current line. */
  column = 0;

  /** Appends text that holds no line break. */
  write(text: string): void {
    this.parts.push(text);
    this.column += codePointLength(text);
  }

  /** Ends the line. */
  newline(): void {
    this.parts.push('\n');
    this.column = 0;
  }

  /** Starts a new line indented by `indent` (no break when the line is still empty). */
  indentTo(indent: number): void {
    if (this.column > 0) this.newline();
    this.write(' '.repeat(indent));
  }

  /** The text written so far. */
  toString(): string {
    return this.parts.join('');
  }
}

interface Analysis {
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const FIRST_INDICATORS = '#,[]{}&*!|>\'"%@`';

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

const isBreakChar = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreakChar(c);

interface Flags {
  blockIndicators: boolean;
  special: boolean;
  lineBreaks: boolean;
  leadingSpace: boolean;
  leadingBreak: boolean;
  trailingSpace: boolean;
  trailingBreak: boolean;
  breakSpace: boolean;
  spaceBreak: boolean;
}

function indicatorAt(chars: string[], i: number, followedByWs: boolean, precededByWs: boolean): boolean {
  const c = chars[i] as string;
  if (i === 0) {
    if (FIRST_INDICATORS.includes(c)) return true;
    return (c === '?' || c === ':' || c === '-') && followedByWs;
  }
  return (c === ':' && followedByWs) || (c === '#' && precededByWs);
}

function scanFlags(chars: string[]): Flags {
  const f: Flags = { blockIndicators: false, special: false, lineBreaks: false, leadingSpace: false, leadingBreak: false, trailingSpace: false, trailingBreak: false, breakSpace: false, spaceBreak: false };
  const text = chars.join('');
  if (text.startsWith('---') || text.startsWith('...')) f.blockIndicators = true;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  chars.forEach((c, i) => {
    const last = i === chars.length - 1;
    if (indicatorAt(chars, i, isBlankz(chars[i + 1]), precededByWs)) f.blockIndicators = true;
    if (!isPrintable(c.codePointAt(0) ?? 0)) f.special = true;
    if (c === ' ') {
      if (i === 0) f.leadingSpace = true;
      if (last) f.trailingSpace = true;
      if (prevBreak) f.breakSpace = true;
      [prevSpace, prevBreak] = [true, false];
    } else if (isBreakChar(c)) {
      f.lineBreaks = true;
      if (i === 0) f.leadingBreak = true;
      if (last) f.trailingBreak = true;
      if (prevSpace) f.spaceBreak = true;
      [prevSpace, prevBreak] = [false, true];
    } else {
      [prevSpace, prevBreak] = [false, false];
    }
    precededByWs = isBlankz(c);
  });
  return f;
}

function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { blockPlain: true, singleQuoted: true, block: false };
  const f = scanFlags(chars);
  const a: Analysis = { blockPlain: true, singleQuoted: true, block: true };
  if (f.leadingSpace || f.leadingBreak || f.trailingSpace || f.trailingBreak) a.blockPlain = false;
  if (f.trailingSpace) a.block = false;
  if (f.breakSpace) [a.blockPlain, a.singleQuoted] = [false, false];
  if (f.spaceBreak || f.special) [a.blockPlain, a.singleQuoted, a.block] = [false, false, false];
  if (f.lineBreaks || f.blockIndicators) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(text: string, chars: string[], simpleKey: boolean): Style {
  const a = analyze(chars);
  let style: Style = text.includes('\n') ? 'literal' : resolvesAsString(text) && !isBase60Float(text) ? 'plain' : 'double';
  if (style === 'plain' && (!a.blockPlain || (chars.length === 0 && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
  return style;
}

/**
 * Most keys and values (names, labels, images, paths): no spaces, breaks or indicator characters,
 * and not starting with `-` or `.`, so the full analysis would find nothing to stop the plain
 * style and nothing to fold; such a string is written as is when it also reads back as a string.
 */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/;

/**
 * Writes a string scalar at the buffer's position. `indent` is where continuation lines of a
 * folded scalar (and the lines of a literal block) start; `simpleKey` is true for mapping keys.
 */
export function writeString(buf: EmitBuffer, text: string, indent: number, simpleKey = false): void {
  if (SIMPLE_PLAIN.test(text) && resolvesAsString(text) && !isBase60Float(text)) {
    buf.write(text);
    return;
  }
  const chars = [...text];
  const style = chooseStyle(text, chars, simpleKey);
  if (style === 'plain') writeFolded(buf, chars, { indent, allowBreaks: !simpleKey, quote: '' });
  else if (style === 'single') writeFolded(buf, chars, { indent, allowBreaks: !simpleKey, quote: "'" });
  else if (style === 'double') writeDoubleQuoted(buf, chars, indent, !simpleKey);
  else writeLiteral(buf, chars, indent);
}

interface FoldOptions {
  indent: number;
  allowBreaks: boolean;
  quote: '' | "'";
}

function writeFolded(buf: EmitBuffer, chars: string[], o: FoldOptions): void {
  buf.write(o.quote);
  let spaces = false;
  chars.forEach((c, i) => {
    if (c === ' ') {
      const inside = o.quote === '' || (i !== 0 && i !== chars.length - 1);
      if (o.allowBreaks && !spaces && buf.column > BEST_WIDTH && inside && chars[i + 1] !== ' ') buf.indentTo(o.indent);
      else buf.write(c);
      spaces = true;
      return;
    }
    buf.write(c === "'" && o.quote === "'" ? "''" : c);
    spaces = false;
  });
  buf.write(o.quote);
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\x0b': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escapeChar(c: string): string {
  const known = ESCAPES[c];
  if (known !== undefined) return `\\${known}`;
  const cp = c.codePointAt(0) ?? 0;
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

function needsEscape(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return !isPrintable(cp) || cp === 0xfeff || isBreakChar(c) || c === '"' || c === '\\';
}

function writeDoubleQuoted(buf: EmitBuffer, chars: string[], indent: number, allowBreaks: boolean): void {
  buf.write('"');
  let spaces = false;
  chars.forEach((c, i) => {
    if (needsEscape(c)) {
      buf.write(escapeChar(c));
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && buf.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
        buf.indentTo(indent);
        if (chars[i + 1] === ' ') buf.write('\\');
      } else {
        buf.write(c);
      }
      spaces = true;
    } else {
      buf.write(c);
      spaces = false;
    }
  });
  buf.write('"');
}

function blockHints(chars: string[]): string {
  let hints = '';
  const first = chars[0];
  if (first === ' ' || isBreakChar(first)) hints += '2';
  const last = chars[chars.length - 1];
  if (!isBreakChar(last)) hints += '-';
  else if (chars.length === 1 || isBreakChar(chars[chars.length - 2])) hints += '+';
  return hints;
}

function writeLiteral(buf: EmitBuffer, chars: string[], indent: number): void {
  buf.write(`|${blockHints(chars)}`);
  buf.newline();
  let breaks = true;
  for (const c of chars) {
    if (isBreakChar(c)) {
      buf.newline();
      breaks = true;
      continue;
    }
    if (breaks) buf.write(' '.repeat(indent));
    buf.write(c);
    breaks = false;
  }
}
