/**
 * `$(NAME)` expansion as Kubernetes and kustomize define it: `$$` escapes a dollar, an unknown
 * name stays as written, and a string that is exactly one reference takes the value's own type.
 */
import type { JsonValue } from './json-value.js';

/** Looks a var up; undefined when there is no such var. */
export type VarMapping = (name: string) => JsonValue | undefined;

function asText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

interface Read {
  text: string;
  name?: string;
  advance: number;
}

function readReference(rest: string): Read {
  if (rest[0] === '$') return { text: '$', advance: 1 };
  if (rest[0] !== '(') return { text: `$${rest[0] ?? ''}`, advance: 1 };
  const close = rest.indexOf(')');
  if (close < 0) return { text: '$(', advance: 1 };
  return { text: '', name: rest.slice(1, close), advance: close + 1 };
}

/** Expands the references in one string. */
export function expandVarReferences(input: string, mapping: VarMapping): JsonValue {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const read = readReference(input.slice(cursor + 1));
    if (read.name === undefined) {
      out += read.text;
    } else {
      const value = mapping(read.name);
      if (value !== undefined && input === `$(${read.name})`) return value;
      out += value === undefined ? `$(${read.name})` : asText(value);
    }
    cursor += read.advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
