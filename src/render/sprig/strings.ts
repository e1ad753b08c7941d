/**
 * Sprig's string functions: trimming, case, substrings, quoting, joining and splitting, with
 * Go's argument order and byte-oriented slicing.
 */
import { quoteString } from '../gotemplate/fmt-quote.js';
import { sprint } from '../gotemplate/fmt.js';
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { ANY, compareStrings, goFunc } from '../gotemplate/value.js';
import { intArg, isSlice, stringMap, stringSlice, strArg, strval } from './conversion.js';
import { deleteWhiteSpace, goTitle, initials, swapCase, toDelimitedLower, toPascalCase, untitle } from './strings-case.js';
import { abbrev, abbrevBoth, wrapCustom } from './strings-wrap.js';
import { byteSlice, goLower, goUpper, trimSpace } from './unicode.js';

const S = 'string';
const I = 'int';

/** strings.SplitN (n < 0: all parts; n == 0: none). */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const runes = [...s];
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** Sprig's strslice (toStrings): a slice's non-nil items as strings, or the value itself. */
export function toStrings(v: GoValue): string[] {
  if (isSlice(v)) return v.filter((e) => e !== null && e !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** strings.Trim: removes leading and trailing runes found in the cutset. */
export function trimCutset(s: string, cutset: string): string {
  if (cutset === '') return s;
  const cut = new Set(cutset);
  const runes = [...s];
  let start = 0;
  let end = runes.length;
  while (start < end && cut.has(runes[start] ?? '')) start++;
  while (end > start && cut.has(runes[end - 1] ?? '')) end--;
  return runes.slice(start, end).join('');
}

function substring(start: number, end: number, s: string): string {
  if (start < 0) return byteSlice(s, 0, end);
  if (end < 0 || end > Buffer.byteLength(s)) return byteSlice(s, start);
  return byteSlice(s, start, end);
}

function trunc(c: number, s: string): string {
  const len = Buffer.byteLength(s);
  if (c < 0 && len + c > 0) return byteSlice(s, len + c);
  if (c >= 0 && len > c) return byteSlice(s, 0, c);
  return s;
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new Error('strings: negative Repeat count');
  return s.repeat(count);
}

function indent(spaces: number, s: string): string {
  const pad = ' '.repeat(Math.max(spaces, 0));
  return pad + s.split('\n').join(`\n${pad}`);
}

/** strings.Replace(s, old, new, -1): an empty old inserts new around every rune. */
export function replaceAll(s: string, old: string, replacement: string): string {
  if (old !== '') return s.split(old).join(replacement);
  const runes = [...s];
  return replacement + runes.join(replacement) + (runes.length > 0 ? replacement : '');
}

function splitToMap(parts: string[]): GoValue {
  return stringMap(Object.fromEntries(parts.map((p, i) => [`_${i}`, p])));
}

function sortAlpha(v: GoValue): GoValue {
  if (!isSlice(v)) return stringSlice([strval(v ?? null)]);
  return stringSlice(toStrings(v).sort(compareStrings));
}

function quoteAll(args: GoValue[], quote: (v: GoValue) => string): string {
  return args
    .filter((v) => v !== null && v !== undefined)
    .map(quote)
    .join(' ');
}

function shapeFuncs(): FuncMap {
  return {
    abbrev: goFunc([I, S], (a) => abbrev(intArg(a[0]), strArg(a[1]))),
    abbrevboth: goFunc([I, I, S], (a) => abbrevBoth(intArg(a[0]), intArg(a[1]), strArg(a[2]))),
    trunc: goFunc([I, S], (a) => trunc(intArg(a[0]), strArg(a[1]))),
    substr: goFunc([I, I, S], (a) => substring(intArg(a[0]), intArg(a[1]), strArg(a[2]))),
    repeat: goFunc([I, S], (a) => repeat(intArg(a[0]), strArg(a[1]))),
    wrap: goFunc([I, S], (a) => wrapCustom(strArg(a[1]), intArg(a[0]), '', false)),
    wrapWith: goFunc([I, S, S], (a) => wrapCustom(strArg(a[2]), intArg(a[0]), strArg(a[1]), true)),
    indent: goFunc([I, S], (a) => indent(intArg(a[0]), strArg(a[1]))),
    nindent: goFunc([I, S], (a) => `\n${indent(intArg(a[0]), strArg(a[1]))}`),
    replace: goFunc([S, S, S], (a) => replaceAll(strArg(a[2]), strArg(a[0]), strArg(a[1]))),
    plural: goFunc([S, S, I], (a) => (intArg(a[2]) === 1 ? a[0] : a[1]) ?? ''),
  };
}

function caseFuncs(): FuncMap {
  return {
    trim: goFunc([S], (a) => trimSpace(strArg(a[0]))),
    upper: goFunc([S], (a) => goUpper(strArg(a[0]))),
    lower: goFunc([S], (a) => goLower(strArg(a[0]))),
    title: goFunc([S], (a) => goTitle(strArg(a[0]))),
    untitle: goFunc([S], (a) => untitle(strArg(a[0]))),
    trimall: goFunc([S, S], (a) => trimCutset(strArg(a[1]), strArg(a[0]))),
    trimAll: goFunc([S, S], (a) => trimCutset(strArg(a[1]), strArg(a[0]))),
    trimSuffix: goFunc([S, S], (a) => (strArg(a[1]).endsWith(strArg(a[0])) ? strArg(a[1]).slice(0, strArg(a[1]).length - strArg(a[0]).length) : strArg(a[1]))),
    trimPrefix: goFunc([S, S], (a) => (strArg(a[1]).startsWith(strArg(a[0])) ? strArg(a[1]).slice(strArg(a[0]).length) : strArg(a[1]))),
    nospace: goFunc([S], (a) => deleteWhiteSpace(strArg(a[0]))),
    initials: goFunc([S], (a) => initials(strArg(a[0]))),
    swapcase: goFunc([S], (a) => swapCase(strArg(a[0]))),
    snakecase: goFunc([S], (a) => toDelimitedLower(strArg(a[0]), '_')),
    kebabcase: goFunc([S], (a) => toDelimitedLower(strArg(a[0]), '-')),
    camelcase: goFunc([S], (a) => toPascalCase(strArg(a[0]))),
  };
}

function listFuncs(): FuncMap {
  return {
    split: goFunc([S, S], (a) => splitToMap(splitN(strArg(a[1]), strArg(a[0]), -1))),
    splitn: goFunc([S, I, S], (a) => splitToMap(splitN(strArg(a[2]), strArg(a[0]), intArg(a[1])))),
    splitList: goFunc([S, S], (a) => stringSlice(splitN(strArg(a[1]), strArg(a[0]), -1))),
    toStrings: goFunc([ANY], (a) => stringSlice(toStrings(a[0]))),
    join: goFunc([S, ANY], (a) => toStrings(a[1]).join(strArg(a[0]))),
    sortAlpha: goFunc([ANY], (a) => sortAlpha(a[0])),
  };
}

/** The strings family. */
export function stringFuncs(): FuncMap {
  return {
    hello: goFunc([], () => 'Hello!'),
    ...shapeFuncs(),
    ...caseFuncs(),
    ...listFuncs(),
    contains: goFunc([S, S], (a) => strArg(a[1]).includes(strArg(a[0]))),
    hasPrefix: goFunc([S, S], (a) => strArg(a[1]).startsWith(strArg(a[0]))),
    hasSuffix: goFunc([S, S], (a) => strArg(a[1]).endsWith(strArg(a[0]))),
    quote: goFunc([], (a) => quoteAll(a, (v) => quoteString(strval(v))), ANY),
    squote: goFunc([], (a) => quoteAll(a, (v) => `'${sprint([v])}'`), ANY),
    cat: goFunc([], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => sprint([v])).join(' '), ANY),
    toString: goFunc([ANY], (a) => strval(a[0])),
  };
}
