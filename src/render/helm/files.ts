/**
 * Helm's `.Files`: the chart's non-template files as a map with methods (Get, GetBytes, Glob,
 * Lines, AsConfig, AsSecrets). `.Files.name` reads a file directly, as Helm's map type allows.
 */
import path from 'node:path';
import { GoStruct, goFunc, withGoType } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { toYaml } from './go-yaml-write.js';

const SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function classToRegex(pattern: string, start: number): [string, number] {
  const end = pattern.indexOf(']', start + 1);
  if (end < 0) throw new Error('unclosed character class');
  let body = pattern.slice(start + 1, end);
  const negated = body.startsWith('!');
  if (negated) body = body.slice(1);
  const escaped = body.replace(/[\\\]^]/g, '\\$&');
  return [negated ? `[^/${escaped}]` : `[${escaped}]`, end + 1];
}

/** Compiles a gobwas/glob pattern with `/` as separator: `*` stays within a segment, `**` does not. */
export function globToRegex(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] as string;
    if (ch === '*') {
      const double = pattern[i + 1] === '*';
      out += double ? '.*' : '[^/]*';
      i += double ? 2 : 1;
      continue;
    }
    if (ch === '[') {
      const [cls, next] = classToRegex(pattern, i);
      out += cls;
      i = next;
      continue;
    }
    if (ch === '\\' && i + 1 < pattern.length) {
      const lit = pattern[i + 1] as string;
      out += SPECIAL.test(lit) ? `\\${lit}` : lit;
      i += 2;
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}' && depth > 0) depth--;
    out += ch === '?' ? '[^/]' : ch === '{' ? '(?:' : ch === '}' ? ')' : ch === ',' && depth > 0 ? '|' : SPECIAL.test(ch) ? `\\${ch}` : ch;
    i++;
  }
  return new RegExp(`^${out}$`, 's');
}

function lines(data: Buffer | undefined): GoValue {
  if (data === undefined || data.length === 0) return withGoType([], '[]string');
  let s = data.toString('utf8');
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return withGoType(s.split('\n'), '[]string');
}

function byBaseName(files: ReadonlyMap<string, Buffer>, encode: (b: Buffer) => string): GoMap {
  const out: GoMap = {};
  for (const [name, data] of files) out[path.posix.basename(name)] = encode(data);
  return out;
}

/** Builds the `.Files` value of a chart from its non-template files. */
export function createFiles(files: ReadonlyMap<string, Buffer>): GoStruct {
  const fields: Record<string, GoValue> = {};
  for (const [name, data] of files) fields[name] = data.toString('utf8');
  const get = (name: GoValue): string => files.get(String(name))?.toString('utf8') ?? '';
  return new GoStruct('engine.files', fields, {
    Get: goFunc(['string'], (a) => get(a[0])),
    GetBytes: goFunc(['string'], (a) => get(a[0])),
    Lines: goFunc(['string'], (a) => lines(files.get(String(a[0])))),
    Glob: goFunc(['string'], (a) => {
      let regex: RegExp;
      try {
        regex = globToRegex(String(a[0]));
      } catch {
        regex = /^.*$/s;
      }
      return createFiles(new Map([...files].filter(([name]) => regex.test(name))));
    }),
    AsConfig: goFunc([], () => toYaml(byBaseName(files, (b) => b.toString('utf8')))),
    AsSecrets: goFunc([], () => toYaml(byBaseName(files, (b) => b.toString('base64')))),
  });
}
