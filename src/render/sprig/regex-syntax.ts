/**
 * Translates Go's RE2 syntax into an equivalent JS RegExp (always in `u` mode): Perl flag groups
 * at the start, `(?P<name>`, `\A` `\z` `\Q..\E`, Go's `\s`, POSIX classes, Unicode classes and
 * Go's identity escapes. Syntax RE2 rejects (backreferences, lookaround) is rejected here too.
 */

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const GO_SPACE = '\\t\\n\\f\\r ';
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

/** A compile failure, worded as Go's regexp package words it. */
export function regexError(pattern: string, detail: string): Error {
  return new Error(`error parsing regexp: ${detail}: \`${pattern}\``);
}

interface Out {
  src: string;
  flags: Set<string>;
}

function escapeLiteral(ch: string, inClass = false): string {
  return JS_SYNTAX.has(ch) || (inClass && ch === '-') ? `\\${ch}` : ch;
}

function unicodeClass(name: string, negated: boolean): string {
  const p = negated ? 'P' : 'p';
  if (/^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Co|Cs)$/.test(name)) return `\\${p}{${name}}`;
  return `\\${p}{Script=${name}}`;
}

/** Translates one escape at pattern[i] (the backslash); returns the JS text and the next index. */
function translateEscape(pattern: string, i: number, inClass: boolean): [string, number] {
  const c = pattern[i + 1];
  if (c === undefined) throw regexError(pattern, 'trailing backslash at end of expression');
  if (/[1-9]/.test(c)) throw regexError(pattern, `invalid escape sequence: \`\\${c}\``);
  if (c === 'A' && !inClass) return ['(?<![\\s\\S])', i + 2];
  if (c === 'z' && !inClass) return ['(?![\\s\\S])', i + 2];
  if (c === 's') return [inClass ? GO_SPACE : `[${GO_SPACE}]`, i + 2];
  if (c === 'S' && !inClass) return [`[^${GO_SPACE}]`, i + 2];
  if (c === 'p' || c === 'P') return translateUnicode(pattern, i, c === 'P');
  if (c === 'x' && pattern[i + 2] === '{') {
    const end = pattern.indexOf('}', i + 3);
    return [`\\u{${pattern.slice(i + 3, end)}}`, end + 1];
  }
  if (/[dDwWbBfnrtvx0]/.test(c) || (c === 'S' && inClass)) return [`\\${c}`, i + 2];
  if (c === 'a') return ['\\x07', i + 2];
  if (/[A-Za-z0-9]/.test(c)) throw regexError(pattern, `invalid escape sequence: \`\\${c}\``);
  return [escapeLiteral(c, inClass), i + 2];
}

function translateUnicode(pattern: string, i: number, negated: boolean): [string, number] {
  const next = pattern[i + 2] ?? '';
  if (next !== '{') return [unicodeClass(next, negated), i + 3];
  const end = pattern.indexOf('}', i + 3);
  if (end < 0) throw regexError(pattern, 'invalid character class range');
  let name = pattern.slice(i + 3, end);
  let neg = negated;
  if (name.startsWith('^')) [name, neg] = [name.slice(1), !neg];
  return [unicodeClass(name, neg), end + 1];
}

function translateClass(pattern: string, start: number): [string, number] {
  let out = '[';
  let i = start + 1;
  if (pattern[i] === '^') [out, i] = ['[^', i + 1];
  if (pattern[i] === ']') [out, i] = [`${out}\\]`, i + 1];
  while (i < pattern.length && pattern[i] !== ']') {
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
    if (posix !== null && POSIX[posix[2] ?? ''] !== undefined) {
      if (posix[1] === '^') throw regexError(pattern, 'negated POSIX classes are not supported');
      out += POSIX[posix[2] ?? ''];
      i += posix[0].length;
    } else if (pattern[i] === '\\') {
      const [text, next] = translateEscape(pattern, i, true);
      [out, i] = [out + text, next];
    } else {
      const ch = pattern[i] ?? '';
      out += ch === '[' || ch === '/' ? `\\${ch}` : ch;
      i++;
    }
  }
  if (i >= pattern.length) throw regexError(pattern, `missing closing ]: \`${pattern.slice(start)}\``);
  return [`${out}]`, i + 1];
}

function translateGroup(pattern: string, i: number, out: Out): [string, number] {
  const rest = pattern.slice(i);
  const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
  if (named !== null) return [`(?<${named[1] ?? ''}>`, i + named[0].length];
  const flags = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
  if (flags !== null) {
    for (const f of flags[1] ?? '') if (f !== 'U') out.flags.add(f);
    return [flags[3] === ':' ? '(?:' : '', i + flags[0].length];
  }
  if (rest.startsWith('(?')) throw regexError(pattern, `invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
  return ['(', i + 1];
}

function translateBrace(pattern: string, i: number): [string, number] {
  const rep = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (rep === null) return ['\\{', i + 1];
  if (Number(rep[1]) > 1000 || Number(rep[3] || 0) > 1000) throw regexError(pattern, `invalid repeat count: \`${rep[0]}\``);
  return [rep[0], i + rep[0].length];
}

function translateToken(pattern: string, i: number, out: Out): [string, number] {
  const ch = pattern[i] ?? '';
  switch (ch) {
    case '\\':
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end < 0 ? undefined : end);
        return [Array.from(literal, (c) => escapeLiteral(c)).join(''), end < 0 ? pattern.length : end + 2];
      }
      return translateEscape(pattern, i, false);
    case '[':
      return translateClass(pattern, i);
    case '(':
      return translateGroup(pattern, i, out);
    case '{':
      return translateBrace(pattern, i);
    case '.':
      return [out.flags.has('s') ? '[\\s\\S]' : '[^\\n]', i + 1];
    case '}':
    case ']':
    case '/':
      return [`\\${ch}`, i + 1];
    default:
      return [ch, i + 1];
  }
}

/** Compiles a Go regular expression as a global JS RegExp; throws Go's error for bad syntax. */
export function compileGoRegex(pattern: string): RegExp {
  const out: Out = { src: '', flags: new Set(['g', 'u']) };
  for (let i = 0; i < pattern.length; ) {
    const [text, next] = translateToken(pattern, i, out);
    out.src += text;
    i = next;
  }
  try {
    return new RegExp(out.src, [...out.flags].join(''));
  } catch (error) {
    throw regexError(pattern, (error as Error).message.replace(/^Invalid regular expression: /, ''));
  }
}
