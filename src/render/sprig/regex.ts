/**
 * Sprig's regex family with Go's regexp semantics on top of translated JS expressions: Go's
 * rules for successive and empty matches, `$name`/`${name}` expansion, Split, QuoteMeta.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { goFunc } from '../gotemplate/value.js';
import { intArg, nilSlice, strArg, stringSlice } from './conversion.js';
import { compileGoRegex } from './regex-syntax.js';

const S = 'string';

function runeWidth(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
}

/** Go's allMatches: successive matches, skipping an empty match right after a match. */
export function goMatches(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      accept = m.index !== prevEnd;
      pos += runeWidth(s, pos) || 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a `$1`, `${1}`, `$name`, `${name}`, `$$` template for one match. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (let at = rest.indexOf('$'); at >= 0; at = rest.indexOf('$')) {
    out += rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (ref === null) {
      out += '$';
      continue;
    }
    rest = rest.slice(ref[0].length);
    out += groupText(ref[1] ?? ref[2] ?? '', m);
  }
  return out + rest;
}

function groupText(name: string, m: RegExpExecArray): string {
  if (/^(0|[1-9][0-9]{0,7})$/.test(name)) return m[Number(name)] ?? '';
  return m.groups?.[name] ?? '';
}

/** Go's ReplaceAllString (expand) or ReplaceAllLiteralString. */
export function goReplaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= s.length) {
    re.lastIndex = search;
    const m = re.exec(s);
    if (m === null) break;
    const end = m.index + m[0].length;
    out += s.slice(lastEnd, m.index);
    if (end > lastEnd || m.index === 0) out += repl(m);
    lastEnd = end;
    const width = runeWidth(s, search);
    if (search + width > end) search += width;
    else if (search + 1 > end) search++;
    else search = end;
  }
  return out + s.slice(lastEnd);
}

/** Go's Regexp.Split. */
export function goSplit(re: RegExp, source: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (source.length > 0 && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of goMatches(re, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, (c) => `\\${c}`);
}

function compile(pattern: GoValue): RegExp {
  return compileGoRegex(strArg(pattern));
}

function findAll(a: GoValue[]): GoValue {
  const found = goMatches(compile(a[0]), strArg(a[1]), intArg(a[2]));
  return found.length === 0 ? nilSlice('[]string') : stringSlice(found.map((m) => m[0]));
}

function matches(a: GoValue[]): boolean {
  const re = compile(a[0]);
  re.lastIndex = 0;
  return re.test(strArg(a[1]));
}

function regexFuncsOf(): Record<string, (a: GoValue[]) => GoValue> {
  return {
    FindAll: findAll,
    Find: (a) => goMatches(compile(a[0]), strArg(a[1]), 1)[0]?.[0] ?? '',
    ReplaceAll: (a) => goReplaceAll(compile(a[0]), strArg(a[1]), (m) => expandTemplate(strArg(a[2]), m)),
    ReplaceAllLiteral: (a) => goReplaceAll(compile(a[0]), strArg(a[1]), () => strArg(a[2])),
    Split: (a) => stringSlice(goSplit(compile(a[0]), strArg(a[0]), strArg(a[1]), intArg(a[2]))),
  };
}

const PARAMS: Record<string, string[]> = { FindAll: [S, S, 'int'], Find: [S, S], ReplaceAll: [S, S, S], ReplaceAllLiteral: [S, S, S], Split: [S, S, 'int'] };

/** The regex family: regexMatch (false on a bad pattern), the rest failing on one. */
export function regexFuncs(): FuncMap {
  const funcs: Record<string, ReturnType<typeof goFunc>> = {
    regexMatch: goFunc([S, S], (a) => {
      try {
        return matches(a);
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc([S, S], matches),
    regexQuoteMeta: goFunc([S], (a) => quoteMeta(strArg(a[0]))),
  };
  for (const [suffix, impl] of Object.entries(regexFuncsOf())) {
    const f = goFunc(PARAMS[suffix] ?? [], impl);
    funcs[`regex${suffix}`] = f;
    funcs[`mustRegex${suffix}`] = f;
  }
  return funcs;
}
