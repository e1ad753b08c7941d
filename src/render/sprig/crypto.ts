/**
 * Sprig's crypto family. Deterministic functions are real (sha1sum, sha256sum, sha512sum,
 * adler32sum, derivePassword, decryptAES; encryptAES with an IV from the injected random
 * source). Key, certificate and bcrypt generation are not supported and say so.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import type { FuncMap } from '../gotemplate/template-set.js';
import { ANY, goFunc } from '../gotemplate/value.js';
import type { SprigContext } from './context.js';
import { intArg, strArg } from './conversion.js';

/** adler32.Checksum of the UTF-8 bytes, in decimal. */
export function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(password, 'utf8').copy(key, 0, 0, 32);
  return key;
}

/** Sprig's encryptAES: AES-256-CBC, zero-padded key, PKCS#7, IV prepended, base64. */
export function encryptAES(password: string, plaintext: string, iv: Uint8Array): string {
  if (plaintext === '') return '';
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([Buffer.from(iv), cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Sprig's decryptAES, the inverse of encryptAES (padding removed without checks, as Go does). */
export function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const crypt = Buffer.from(crypt64, 'base64');
  if (crypt.length < 16) throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(body), decipher.final()]);
  const pad = plain[plain.length - 1] ?? 0;
  if (pad > plain.length) throw new Error(`runtime error: slice bounds out of range [:${plain.length - pad}]`);
  return plain.subarray(0, plain.length - pad).toString('utf8');
}

const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: 'CvcvnoCvcvCvcv CvcvCvcvnoCvcv CvcvCvcvCvcvno CvccnoCvcvCvcv CvccCvcvnoCvcv CvccCvcvCvcvno CvcvnoCvccCvcv CvcvCvccnoCvcv CvcvCvccCvcvno CvcvnoCvcvCvcc CvcvCvcvnoCvcc CvcvCvcvCvccno CvccnoCvccCvcv CvccCvccnoCvcv CvccCvccCvcvno CvcvnoCvccCvcc CvcvCvccnoCvcc CvcvCvccCvccno CvccnoCvcvCvcc CvccCvcvnoCvcc CvccCvcvCvccno'.split(' '),
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};
const SEED = 'com.lyndir.masterpassword';

function lengthPrefixed(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** Sprig's derivePassword: the Master Password algorithm (scrypt, then HMAC-SHA256). */
export function derivePassword(counter: number, type: string, secret: { password: string; user: string; site: string }): string {
  const { password, user, site } = secret;
  const templates = TEMPLATES[type];
  if (templates === undefined) return `cannot find password template ${type}`;
  const salt = Buffer.concat([Buffer.from(SEED), lengthPrefixed(user)]);
  const key = scryptSync(Buffer.from(password, 'utf8'), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  const seed = createHmac('sha256', key).update(Buffer.concat([Buffer.from(SEED), lengthPrefixed(site), count])).digest();
  const template = templates[(seed[0] ?? 0) % templates.length] ?? '';
  return Array.from(template, (t, i) => {
    const chars = CHARS[t] ?? '';
    return chars[(seed[i + 1] ?? 0) % chars.length] ?? '';
  }).join('');
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`${name} is not supported by gantry's renderer (it generates secrets nondeterministically); create the secret outside the chart`);
  };
}

function hash(algorithm: string): ReturnType<typeof goFunc> {
  return goFunc(['string'], (a) => createHash(algorithm).update(strArg(a[0]), 'utf8').digest('hex'));
}

/** The crypto family; encryptAES and randBytes draw on the injected random source. */
export function cryptoFuncs(ctx: SprigContext): FuncMap {
  const funcs: Record<string, ReturnType<typeof goFunc>> = {
    sha1sum: hash('sha1'),
    sha256sum: hash('sha256'),
    sha512sum: hash('sha512'),
    adler32sum: goFunc(['string'], (a) => adler32(strArg(a[0]))),
    encryptAES: goFunc(['string', 'string'], (a) => encryptAES(strArg(a[0]), strArg(a[1]), ctx.randomBytes(16))),
    decryptAES: goFunc(['string', 'string'], (a) => decryptAES(strArg(a[0]), strArg(a[1]))),
    derivePassword: goFunc(['uint32', 'string', 'string', 'string', 'string'], (a) =>
      derivePassword(intArg(a[0]), strArg(a[1]), { password: strArg(a[2]), user: strArg(a[3]), site: strArg(a[4]) }),
    ),
    randBytes: goFunc(['int'], (a) => Buffer.from(ctx.randomBytes(intArg(a[0]))).toString('base64')),
    uuidv4: goFunc([], () => ctx.uuid()),
  };
  const generators = ['bcrypt', 'htpasswd', 'genPrivateKey', 'buildCustomCert', 'genCA', 'genCAWithKey', 'genSelfSignedCert'];
  for (const name of [...generators, 'genSelfSignedCertWithKey', 'genSignedCert', 'genSignedCertWithKey']) {
    funcs[name] = goFunc([], unsupported(name), ANY);
  }
  return funcs;
}
