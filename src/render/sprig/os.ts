/**
 * Sprig's environment and network functions: env and expandenv read the injected variables
 * (os.Getenv and os.ExpandEnv semantics); getHostByName is not supported (no network in render).
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import type { SprigContext } from './context.js';
import { strArg } from './conversion.js';

const SPECIAL = /^[*#$@!?\-0-9]/;

function shellName(s: string): { name: string; width: number } {
  if (s.startsWith('{')) {
    if (s.length > 2 && SPECIAL.test(s.charAt(1)) && s[2] === '}') return { name: s.charAt(1), width: 3 };
    const close = s.indexOf('}');
    if (close === 1) return { name: '', width: 2 };
    if (close < 0) return { name: '', width: 1 };
    return { name: s.slice(1, close), width: close + 1 };
  }
  if (SPECIAL.test(s)) return { name: s.charAt(0), width: 1 };
  const name = /^[A-Za-z0-9_]*/.exec(s)?.[0] ?? '';
  return { name, width: name.length };
}

/** os.Expand: replaces $var and ${var} with mapping(var). */
export function expandEnv(s: string, mapping: (name: string) => string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] !== '$' || j + 1 >= s.length) continue;
    out += s.slice(i, j);
    const { name, width } = shellName(s.slice(j + 1));
    if (name === '' && width === 0) out += '$';
    else if (name !== '') out += mapping(name);
    j += width;
    i = j + 1;
  }
  return out + s.slice(i);
}

/** The os and network family. */
export function osFuncs(ctx: SprigContext): FuncMap {
  const lookup = (name: string): string => (Object.prototype.hasOwnProperty.call(ctx.env, name) ? (ctx.env[name] ?? '') : '');
  return {
    env: goFunc(['string'], (a) => lookup(strArg(a[0]))),
    expandenv: goFunc(['string'], (a) => expandEnv(strArg(a[0]), lookup)),
    getHostByName: goFunc(['string'], () => {
      throw new Error('getHostByName is not supported by gantry\'s renderer (rendering does no network I/O)');
    }),
  };
}
