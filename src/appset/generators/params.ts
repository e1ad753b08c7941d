/**
 * Parameter helpers every generator shares, as Argo CD's generators use them: Go's `%v` for
 * values that become strings, jeremywohl/flatten's dot style, one string rendered with the
 * ApplicationSet's templating, and `values` appended with interpolation (appendTemplatedValues).
 */
import { InputError } from '../../core/index.js';
import { appsetFuncs, formatValue, missingKeyOf, replaceFastTemplate, TemplateSet, type FuncMap, type GoValue } from '../../render/index.js';
import type { ParamSet, TemplateMode } from '../types.js';

/** Formats a JSON-shaped value as Go's fmt `%v` does (numbers are float64 after sigs.k8s.io/yaml). */
export function goString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((k) => `${k}:${goString((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return formatValue(value as GoValue);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** jeremywohl/flatten in DotStyle: nested maps and lists joined with `.`; empty containers vanish. */
export function flattenDot(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (v: unknown, key: string): void => {
    if (isPlainObject(v)) for (const [k, inner] of Object.entries(v)) visit(inner, key === '' ? k : `${key}.${k}`);
    else if (Array.isArray(v)) v.forEach((inner, i) => visit(inner, key === '' ? String(i) : `${key}.${i}`));
    else out[key] = v;
  };
  for (const [k, v] of Object.entries(value)) visit(v, prefix === '' ? k : `${prefix}.${k}`);
  return out;
}

/** Params flattened to strings, as the generator-level selector and Argo's flattenParameters see them. */
export function flattenToStrings(params: ParamSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(flattenDot(params))) out[k] = goString(v);
  return out;
}

let sharedFuncs: FuncMap | undefined;
/** The goTemplate function map, built once (building it costs about a millisecond and a half, once per Application otherwise). */
export function templateFuncs(): FuncMap {
  sharedFuncs ??= appsetFuncs();
  return sharedFuncs;
}

/** Renders one string with params: fasttemplate, or Go text/template with Sprig (render.Replace). */
export function replaceTemplated(text: string, params: ParamSet, mode: TemplateMode): string {
  if (!mode.goTemplate) return replaceFastTemplate(text, params);
  let set: TemplateSet;
  try {
    set = new TemplateSet({ funcs: templateFuncs(), missingKey: missingKeyOf(mode.goTemplateOptions ?? []) }).parse('', text);
  } catch (error) {
    throw new InputError(`failed to parse template ${text}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return set.execute('', params as GoValue);
  } catch (error) {
    throw new InputError(`failed to execute go template ${text}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Adds a generator's `values` to params, each rendered against the params as they were before
 * (so values cannot refer to each other: no billion laughs), as `values.<k>` or `values: {k}`.
 */
export function appendTemplatedValues(values: Record<string, string> | undefined, params: ParamSet, mode: TemplateMode): ParamSet {
  if (values === undefined) return params;
  const rendered: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    try {
      rendered[key] = replaceTemplated(value, params, mode);
    } catch (error) {
      throw new InputError(`failed to replace templated string: ${(error as Error).message}`, { cause: error });
    }
  }
  if (mode.goTemplate) return Object.keys(rendered).length === 0 ? params : { ...params, values: rendered };
  const out = { ...params };
  for (const [k, v] of Object.entries(rendered)) out[`values.${k}`] = v;
  return out;
}

/** Argo CD's SanitizeName (nameNormalized and every *Normalized parameter). */
export { normalizeName as sanitizeName } from '../../render/index.js';
