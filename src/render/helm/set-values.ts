/**
 * Helm's `--set` syntax (strvals): `a.b=c`, `list[0]=x`, `list[1].name=y`, `{a,b}` lists, `\`
 * escapes, typed scalars (true, false, null, integers) unless the value is forced to a string.
 */
import { InputError } from '../../core/index.js';
import type { Values } from './chart.js';
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number };

/** Helm's typedVal: booleans, null and integers without a leading zero become typed. */
export function typedSetValue(text: string, forceString: boolean): YamlValue {
  if (forceString) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  if (text !== '' && text[0] !== '0' && /^[-+]?[0-9]+$/.test(text)) {
    const n = BigInt(text);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return Number(n);
  }
  return text;
}

function parseKey(name: string, assignment: string): Step[] {
  const steps: Step[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    if (ch === '\\' && i + 1 < name.length) current += name[++i];
    else if (ch === '.') {
      if (current !== '') steps.push({ kind: 'key', key: current });
      current = '';
    } else if (ch === '[') {
      if (current !== '') steps.push({ kind: 'key', key: current });
      current = '';
      const end = name.indexOf(']', i);
      const index = Number(name.slice(i + 1, end));
      if (end < 0 || !Number.isInteger(index) || index < 0) throw new InputError(`failed parsing --set data: ${assignment}: invalid list index`);
      if (index > 65536) throw new InputError(`failed parsing --set data: ${assignment}: index of ${index} is greater than maximum supported index of 65536`);
      steps.push({ kind: 'index', index });
      i = end;
    } else current += ch;
  }
  if (current !== '') steps.push({ kind: 'key', key: current });
  if (steps.length === 0) throw new InputError(`failed parsing --set data: ${assignment}: key has no name`);
  return steps;
}

function parseValue(raw: string, forceString: boolean): YamlValue {
  if (raw.startsWith('{') && raw.endsWith('}')) {
    const inner = raw.slice(1, -1);
    return inner === '' ? [] : splitUnescaped(inner, ',').map((v) => typedSetValue(v, forceString));
  }
  return typedSetValue(raw.replace(/\\(.)/g, '$1'), forceString);
}

function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) current += ch + (text[++i] as string);
    else if (ch === sep) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function container(next: Step | undefined, existing: YamlValue | undefined): YamlValue {
  if (next?.kind === 'index') return Array.isArray(existing) ? existing : [];
  return isYamlMap(existing) ? existing : {};
}

function assign(target: YamlValue, steps: Step[], value: YamlValue): void {
  const [step, ...rest] = steps;
  if (step === undefined) return;
  const next = rest[0];
  if (step.kind === 'index' && Array.isArray(target)) {
    while (target.length <= step.index) target.push(null);
    if (next === undefined) target[step.index] = value;
    else assign((target[step.index] = container(next, target[step.index])), rest, value);
  } else if (step.kind === 'key' && isYamlMap(target)) {
    if (next === undefined) target[step.key] = value;
    else assign((target[step.key] = container(next, target[step.key])), rest, value);
  }
}

/** Applies one `name=value` assignment (Argo CD's parameter) to `dest`; mutates and returns it. */
export function setValue(dest: Values, name: string, value: string, forceString = false): Values {
  const steps = parseKey(name, `${name}=${value}`);
  const first = steps[0];
  if (first?.kind !== 'key') throw new InputError(`failed parsing --set data: ${name}=${value}: a value path must start with a key`);
  assign(dest, steps, parseValue(value, forceString));
  return dest;
}

/** Parses a whole `--set` argument ("a=1,b.c=x") into `dest`; mutates and returns it. */
export function parseSetArgument(dest: Values, text: string, forceString = false): Values {
  for (const part of splitUnescapedOutsideBraces(text)) {
    const eq = indexOfUnescaped(part, '=');
    if (eq < 0) throw new InputError(`failed parsing --set data: key ${JSON.stringify(part)} has no value`);
    setValue(dest, part.slice(0, eq), part.slice(eq + 1), forceString);
  }
  return dest;
}

function indexOfUnescaped(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

function splitUnescapedOutsideBraces(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) current += ch + (text[++i] as string);
    else if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}
