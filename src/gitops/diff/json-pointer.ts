import { InputError } from '../../core/index.js';
import { isJsonObject } from './json-value.js';
import type { ObjectPath, PathSegment } from './object-path.js';

/**
 * Parses an RFC 6901 JSON pointer into its reference tokens (`~1` is `/`, `~0` is `~`).
 * The empty pointer is the whole document; anything else must start with `/`.
 */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new InputError(`ignoreDifferences jsonPointer "${pointer}" must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw new InputError(`ignoreDifferences jsonPointer "${pointer}" has an invalid escape (use ~0 for ~ and ~1 for /)`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/**
 * The concrete path a parsed pointer names in `root`, or undefined when it names nothing there
 * (a missing field or index: nothing to ignore, as a JSON patch `remove` of it fails quietly in Argo CD).
 */
export function resolveJsonPointer(root: unknown, tokens: readonly string[]): ObjectPath | undefined {
  const path: PathSegment[] = [];
  let current = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) return undefined;
      path.push(Number(token));
      current = current[Number(token)];
    } else if (isJsonObject(current) && Object.prototype.hasOwnProperty.call(current, token)) {
      path.push(token);
      current = current[token];
    } else {
      return undefined;
    }
  }
  return path;
}
