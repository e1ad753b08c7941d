/**
 * Sprig's path family: Go's path package (base, dir, clean, ext, isAbs) and path/filepath with
 * Linux semantics (osBase, osDir, osClean, osExt, osIsAbs), which are the same for '/' paths.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import { strArg } from './conversion.js';

/** path.Clean: the shortest equivalent path, lexically. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

/** path.Base: the last element, "." for empty, "/" for only slashes. */
export function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** path.Dir: everything but the last element, cleaned. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** path.Ext: the suffix from the final dot of the last element. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

/** The paths family. */
export function pathFuncs(): FuncMap {
  const fns: Record<string, (p: string) => string | boolean> = {
    Base: basePath,
    Dir: dirPath,
    Clean: cleanPath,
    Ext: extPath,
    IsAbs: (p) => p.startsWith('/'),
  };
  const out: Record<string, ReturnType<typeof goFunc>> = {};
  for (const [name, f] of Object.entries(fns)) {
    const fn = goFunc(['string'], (a) => f(strArg(a[0])));
    out[name.charAt(0).toLowerCase() + name.slice(1)] = fn;
    out[`os${name}`] = fn;
  }
  return out;
}
