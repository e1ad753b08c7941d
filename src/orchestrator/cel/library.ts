/**
 * kro's CEL libraries beyond the standard ones, for @bufbuild/cel: the strings extension plus
 * json, base64, hash, random and lists helpers that kro's example RGDs use.
 */
import { createHash } from 'node:crypto';
import { CelScalar, celFunc, celMethod, isCelList, listType, type CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { QUANTITY_FUNCS } from './quantity.js';
import { fromCel, toCel } from './values.js';

/** What `omit()` (and an absent top-level optional) evaluates to: the field is left out. */
export const OMIT_SENTINEL = '\u0000kro-omit\u0000';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic string of `length` characters drawn from a hash of `seed` (stable across reconciles). */
export function seededString(length: number, seed: string): string {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    const digest = createHash('sha256').update(`${seed}:${block}`).digest();
    for (const byte of digest) if (out.length < length) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  }
  return out;
}

function fnv64a(data: Uint8Array): Uint8Array {
  let hash = 0xcbf29ce484222325n;
  for (const byte of data) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(hash & 0xffn);
    hash >>= 8n;
  }
  return out;
}

const encoder = new TextEncoder();

const DYN_LIST = listType(CelScalar.DYN);

/** kro's list library (cel-go's ext.Lists) beyond what CEL has. */
const LIST_FUNCS: CelFunc[] = [
  celMethod('slice', DYN_LIST, [CelScalar.INT, CelScalar.INT], DYN_LIST, function (start, end) {
    return [...this].slice(Number(start), Number(end));
  }),
  celMethod('reverse', DYN_LIST, [], DYN_LIST, function () {
    return [...this].reverse();
  }),
  celMethod('flatten', DYN_LIST, [], DYN_LIST, function () {
    return [...this].flatMap((v) => (isCelList(v) ? [...v] : [v]));
  }),
  celMethod('distinct', DYN_LIST, [], DYN_LIST, function () {
    const seen = new Set<string>();
    return [...this].filter((v) => {
      const key = JSON.stringify(fromCel(v));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }),
];

const KRO_FUNCS: CelFunc[] = [
  ...LIST_FUNCS,
  celFunc('random.seededString', [CelScalar.INT, CelScalar.STRING], CelScalar.STRING, (n, seed) => seededString(Number(n), seed)),
  celFunc('base64.encode', [CelScalar.BYTES], CelScalar.STRING, (b) => Buffer.from(b).toString('base64')),
  celFunc('base64.decode', [CelScalar.STRING], CelScalar.BYTES, (s) => new Uint8Array(Buffer.from(s, 'base64'))),
  celFunc('json.marshal', [CelScalar.DYN], CelScalar.STRING, (v) => JSON.stringify(fromCel(v))),
  celFunc('json.unmarshal', [CelScalar.STRING], CelScalar.DYN, (s) => toCel(JSON.parse(s))),
  celFunc('hash.sha256', [CelScalar.STRING], CelScalar.BYTES, (s) => new Uint8Array(createHash('sha256').update(s).digest())),
  celFunc('hash.md5', [CelScalar.STRING], CelScalar.BYTES, (s) => new Uint8Array(createHash('md5').update(s).digest())),
  celFunc('hash.fnv64a', [CelScalar.STRING], CelScalar.BYTES, (s) => fnv64a(encoder.encode(s))),
  celFunc('lists.range', [CelScalar.INT], listType(CelScalar.INT), (n) => Array.from({ length: Number(n) }, (_, i) => BigInt(i))),
  celFunc('omit', [], CelScalar.DYN, () => OMIT_SENTINEL),
  celMethod('sum', listType(CelScalar.INT), [], CelScalar.INT, function () {
    let total = 0n;
    for (const v of this) if (typeof v === 'bigint') total += v;
    return total;
  }),
];

/** Every function kro's environment adds to CEL's standard library. */
export function kroFunctions(): CelFunc[] {
  return [...strings, ...KRO_FUNCS, ...QUANTITY_FUNCS];
}
