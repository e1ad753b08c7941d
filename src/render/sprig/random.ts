/**
 * Sprig's random string functions (randAlphaNum, randAlpha, randAscii, randNumeric, shuffle),
 * drawing on the injected random source instead of the process's.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import type { SprigContext } from './context.js';
import { intArg, strArg } from './conversion.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function pick(ctx: SprigContext, alphabet: string, count: number): string {
  if (count <= 0) return '';
  return Array.from({ length: count }, () => alphabet[Math.floor(ctx.random() * alphabet.length)] ?? '').join('');
}

/** xstrings.Shuffle: a Fisher-Yates permutation of the runes. */
export function shuffle(s: string, random: () => number): string {
  const runes = [...s];
  for (let i = runes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [runes[i], runes[j]] = [runes[j] ?? '', runes[i] ?? ''];
  }
  return runes.join('');
}

/** The random strings family. */
export function randomFuncs(ctx: SprigContext): FuncMap {
  return {
    randAlphaNum: goFunc(['int'], (a) => pick(ctx, LETTERS + DIGITS, intArg(a[0]))),
    randAlpha: goFunc(['int'], (a) => pick(ctx, LETTERS, intArg(a[0]))),
    randAscii: goFunc(['int'], (a) => pick(ctx, ASCII, intArg(a[0]))),
    randNumeric: goFunc(['int'], (a) => pick(ctx, DIGITS, intArg(a[0]))),
    shuffle: goFunc(['string'], (a) => shuffle(strArg(a[0]), () => ctx.random())),
  };
}
