/**
 * Sprig's encoding family: standard base64 and base32 (RFC 4648, padded). Decoding is strict as
 * in Go, and a decoding failure yields Go's error text as the result, as Sprig does.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import { strArg } from './conversion.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function corrupt(at: number): Error {
  return new Error(`illegal base64 data at input byte ${at}`);
}

/** base64.StdEncoding.DecodeString, strict about alphabet and padding (newlines ignored). */
export function decodeBase64(s: string): Buffer {
  const t = s.replace(/[\r\n]/g, '');
  const bad = t.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) throw corrupt(bad);
  const pad = t.indexOf('=');
  if (pad >= 0 && (t.length % 4 !== 0 || !/^=={0,1}$/.test(t.slice(pad)) || t.length - pad > 2)) throw corrupt(pad);
  if (t.length % 4 !== 0) throw corrupt(t.length - (t.length % 4));
  return Buffer.from(t, 'base64');
}

/** base32.StdEncoding.EncodeToString. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out + '='.repeat((8 - (out.length % 8)) % 8);
}

/** base32.StdEncoding.DecodeString, strict about alphabet and padding. */
export function decodeBase32(s: string): Buffer {
  const t = s.replace(/[\r\n]/g, '');
  if (t.length % 8 !== 0) throw new Error(`illegal base32 data at input byte ${t.length - (t.length % 8)}`);
  const body = t.replace(/=+$/, '');
  const bad = [...body].findIndex((c) => !B32.includes(c));
  if (bad >= 0) throw new Error(`illegal base32 data at input byte ${bad}`);
  if (![0, 1, 3, 4, 6].includes(t.length - body.length)) throw new Error(`illegal base32 data at input byte ${body.length}`);
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of body) {
    value = ((value << 5) | B32.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function orError(f: () => Buffer): string {
  try {
    return f().toString('utf8');
  } catch (error) {
    return (error as Error).message;
  }
}

/** The encoding family. */
export function encodingFuncs(): FuncMap {
  return {
    b64enc: goFunc(['string'], (a) => Buffer.from(strArg(a[0]), 'utf8').toString('base64')),
    b64dec: goFunc(['string'], (a) => orError(() => decodeBase64(strArg(a[0])))),
    b32enc: goFunc(['string'], (a) => encodeBase32(Buffer.from(strArg(a[0]), 'utf8'))),
    b32dec: goFunc(['string'], (a) => orError(() => decodeBase32(strArg(a[0])))),
  };
}
