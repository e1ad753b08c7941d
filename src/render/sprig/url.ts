/**
 * Sprig's urlParse and urlJoin over Go's net/url: Parse's split into scheme, userinfo, host,
 * path, query and fragment, and URL.String's escaping when joining them back.
 */
import type { FuncMap } from '../gotemplate/template-set.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { goFunc, isGoMap } from '../gotemplate/value.js';
import { strArg } from './conversion.js';
import { isEmpty } from './reflection.js';

type Mode = 'path' | 'pathSegment' | 'host' | 'userPassword' | 'query' | 'fragment';

interface Url {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
  omitHost: boolean;
}

function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if (mode === 'host' && `!$&'()*+,;=:[]<>"`.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case 'path':
        return c === '?';
      case 'pathSegment':
        return '/;,?'.includes(c);
      case 'userPassword':
        return '@/?:'.includes(c);
      case 'query':
        return true;
      case 'fragment':
        return false;
    }
  }
  return !(mode === 'fragment' && '!()*'.includes(c));
}

/** Go's url escape for a component. */
export function escapeUrl(s: string, mode: Mode): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (byte < 0x80 && !shouldEscape(c, mode)) out += c;
    else if (c === ' ' && mode === 'query') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function unescapeUrl(s: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) throw new Error(`invalid URL escape ${JSON.stringify(/%.{0,2}/.exec(s)?.[0] ?? '%')}`);
  return decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
}

function parseAuthority(authority: string, u: Url): void {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (/:[^\]:]*$/.test(host) && !/:[0-9]*$/.test(host)) throw new Error(`invalid port ${JSON.stringify(/:[^:]*$/.exec(host)?.[0] ?? '')} after host`);
  u.host = unescapeUrl(host);
  if (at < 0) return;
  const info = authority.slice(0, at);
  const colon = info.indexOf(':');
  u.user = colon < 0 ? { username: unescapeUrl(info) } : { username: unescapeUrl(info.slice(0, colon)), password: unescapeUrl(info.slice(colon + 1)) };
}

/** url.Parse. */
export function parseUrl(raw: string): Url {
  if (Array.from(raw).some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) throw new Error('net/url: invalid control character in URL');
  const hash = raw.indexOf('#');
  const u: Url = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', forceQuery: false, fragment: '', omitHost: false };
  let rest = hash < 0 ? raw : raw.slice(0, hash);
  if (hash >= 0) u.fragment = unescapeUrl(raw.slice(hash + 1));
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) throw new Error('missing protocol scheme');
  if (scheme !== null) [u.scheme, rest] = [(scheme[1] ?? '').toLowerCase(), rest.slice(scheme[0].length)];
  if (rest.endsWith('?') && rest.split('?').length === 2) [u.forceQuery, rest] = [true, rest.slice(0, -1)];
  else if (rest.includes('?')) [rest, u.rawQuery] = [rest.slice(0, rest.indexOf('?')), rest.slice(rest.indexOf('?') + 1)];
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') return { ...u, opaque: rest };
    if ((rest.split('/')[0] ?? '').includes(':')) throw new Error('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    parseAuthority(slash < 0 ? rest.slice(2) : rest.slice(2, slash), u);
    rest = slash < 0 ? '' : rest.slice(slash);
  } else if (u.scheme !== '' && rest.startsWith('/')) u.omitHost = true;
  u.path = unescapeUrl(rest);
  return u;
}

function userString(user: NonNullable<Url['user']>): string {
  const name = escapeUrl(user.username, 'userPassword');
  return user.password === undefined ? name : `${name}:${escapeUrl(user.password, 'userPassword')}`;
}

/** URL.String. */
export function formatUrl(u: Url): string {
  let out = u.scheme === '' ? '' : `${u.scheme}:`;
  if (u.opaque !== '') out += u.opaque;
  else {
    if ((u.scheme !== '' || u.host !== '' || u.user !== undefined) && !(u.omitHost && u.host === '' && u.user === undefined)) {
      if (u.host !== '' || u.path !== '' || u.user !== undefined) out += '//';
      if (u.user !== undefined) out += `${userString(u.user)}@`;
      out += escapeUrl(u.host, 'host');
    }
    const path = escapeUrl(u.path, 'path');
    if (path !== '' && !path.startsWith('/') && u.host !== '') out += '/';
    if (out === '' && (path.split('/')[0] ?? '').includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
  if (u.fragment !== '') out += `#${escapeUrl(u.fragment, 'fragment')}`;
  return out;
}

function urlParse(raw: string): GoMap {
  let u: Url;
  try {
    u = parseUrl(raw);
  } catch (error) {
    throw new Error(`unable to parse url: parse ${JSON.stringify(raw)}: ${(error as Error).message}`);
  }
  return {
    scheme: u.scheme,
    host: u.host,
    hostname: u.host.startsWith('[') ? u.host.slice(1, u.host.indexOf(']')) : u.host.replace(/:[0-9]*$/, ''),
    path: u.path,
    query: u.rawQuery,
    opaque: u.opaque,
    fragment: u.fragment,
    userinfo: u.user === undefined ? '' : userString(u.user),
  };
}

function field(d: GoMap, key: string): string {
  const v: GoValue = d[key];
  if (isEmpty(v ?? null)) return '';
  if (typeof v !== 'string') throw new Error(`interface conversion: interface {} is not string`);
  return v;
}

function urlJoin(d: GoValue): string {
  const m = isGoMap(d) ? d : {};
  const u: Url = { scheme: field(m, 'scheme'), opaque: field(m, 'opaque'), host: field(m, 'host'), path: field(m, 'path'), rawQuery: field(m, 'query'), forceQuery: false, fragment: field(m, 'fragment'), omitHost: false };
  const info = field(m, 'userinfo');
  if (info !== '') u.user = parseUrl(`proto://${info}@host`).user;
  return formatUrl(u);
}

/** The url family. */
export function urlFuncs(): FuncMap {
  return {
    urlParse: goFunc(['string'], (a) => urlParse(strArg(a[0]))),
    urlJoin: goFunc(['map[string]interface {}'], (a) => urlJoin(a[0])),
  };
}
