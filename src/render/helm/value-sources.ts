/**
 * The user values of a Helm source, merged as Argo CD passes them to Helm: value files in order,
 * then the inline values (valuesObject replaces the values string), then parameters (`--set`,
 * forced strings last). Later sources win key by key.
 */
import { InputError } from '../../core/index.js';
import type { Values } from './chart.js';
import { isYamlMap, parseGoYaml } from './go-yaml-read.js';
import { setValue } from './set-values.js';

/** An Argo CD Helm parameter: a `--set` (or `--set-string` when forceString) assignment. */
export interface HelmParameter {
  readonly name: string;
  readonly value: string;
  readonly forceString?: boolean;
}

/** Where user values come from. */
export interface ValueSources {
  /** Paths of values files inside the chart's file tree, lowest precedence first. */
  readonly valueFiles?: readonly string[];
  /** Skip value files that are absent instead of failing (Argo CD's ignoreMissingValueFiles). */
  readonly ignoreMissingValueFiles?: boolean;
  /** Inline values: YAML text (Argo CD's `values`) or an already-parsed object. */
  readonly values?: string | Values;
  /** Inline values as an object (Argo CD's `valuesObject`); replaces `values` when given. */
  readonly valuesObject?: Values;
  /** `--set` assignments, highest precedence. */
  readonly parameters?: readonly HelmParameter[];
}

/** Helm's mergeMaps: `b` wins; tables merge key by key. */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const existing = out[k];
    out[k] = isYamlMap(v) && isYamlMap(existing) ? mergeMaps(existing, v) : v;
  }
  return out;
}

/** Parses a values document; throws an InputError naming the file and line. */
export function parseValuesText(text: string, file: string): Values {
  let v: unknown;
  try {
    v = parseGoYaml(text);
  } catch (error) {
    throw new InputError(`failed to parse ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (v === null) return {};
  if (!isYamlMap(v)) throw new InputError(`failed to parse ${file}: values must be a YAML mapping, not ${Array.isArray(v) ? 'a list' : 'a scalar'}`);
  return v;
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

function readValueFiles(files: ReadonlyMap<string, Buffer>, sources: ValueSources): Values {
  const byPath = new Map([...files].map(([k, v]) => [normalise(k), v]));
  let base: Values = {};
  for (const file of sources.valueFiles ?? []) {
    const data = byPath.get(normalise(file));
    if (data === undefined) {
      if (sources.ignoreMissingValueFiles === true) continue;
      throw new InputError(`values file ${JSON.stringify(file)} not found in the chart`);
    }
    base = mergeMaps(base, parseValuesText(data.toString('utf8'), file));
  }
  return base;
}

function inlineValues(sources: ValueSources): Values {
  if (sources.valuesObject !== undefined) return sources.valuesObject;
  if (typeof sources.values === 'string') return parseValuesText(sources.values, 'values');
  return sources.values ?? {};
}

/** Merges every source into the user values Helm coalesces with the chart's defaults. */
export function mergeUserValues(files: ReadonlyMap<string, Buffer>, sources: ValueSources): Values {
  const merged = mergeMaps(readValueFiles(files, sources), structuredClone(inlineValues(sources)));
  const params = sources.parameters ?? [];
  for (const p of params.filter((q) => q.forceString !== true)) setValue(merged, p.name, p.value, false);
  for (const p of params.filter((q) => q.forceString === true)) setValue(merged, p.name, p.value, true);
  return merged;
}
