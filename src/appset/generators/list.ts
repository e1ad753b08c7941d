/**
 * The list generator: one parameter set per element. With fasttemplate every value must be a
 * string (and `values` a map of strings, flattened to `values.<k>`); with goTemplate elements pass
 * through as written. elementsYaml (a YAML list, often templated by a matrix parent) is appended.
 */
import { InputError } from '../../core/index.js';
import { parseGoYaml } from '../../render/index.js';
import type { GeneratorSpec, ParamSet, TemplateMode } from '../types.js';

function flatElement(element: Record<string, unknown>): ParamSet {
  const params: ParamSet = {};
  for (const [key, value] of Object.entries(element)) {
    if (key !== 'values') {
      if (typeof value !== 'string') throw new InputError(`error parsing value as string: list element key ${key} holds ${JSON.stringify(value)}`);
      params[key] = value;
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('error parsing values map');
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') throw new InputError(`error parsing value as string: list element values.${k} holds ${JSON.stringify(v)}`);
      params[`values.${k}`] = v;
    }
  }
  return params;
}

function yamlElements(text: string): ParamSet[] {
  let parsed: unknown;
  try {
    parsed = parseGoYaml(text);
  } catch (error) {
    throw new InputError(`error unmarshling decoded ElementsYaml ${(error as Error).message}`, { cause: error });
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed) || parsed.some((e) => e !== null && (typeof e !== 'object' || Array.isArray(e)))) {
    throw new InputError('error unmarshling decoded ElementsYaml: elementsYaml must be a YAML list of maps');
  }
  return parsed.map((e) => (e ?? {}) as ParamSet);
}

/** Parameter sets of a list generator. */
export function generateListParams(spec: NonNullable<GeneratorSpec['list']>, mode: TemplateMode): ParamSet[] {
  const out: ParamSet[] = [];
  for (const element of spec.elements ?? []) {
    if (element === null || typeof element !== 'object' || Array.isArray(element)) {
      throw new InputError(`error unmarshling list element: ${JSON.stringify(element)} is not a map`);
    }
    out.push(mode.goTemplate ? { ...element } : flatElement(element));
  }
  if (spec.elementsYaml !== undefined && spec.elementsYaml !== '') out.push(...yamlElements(spec.elementsYaml));
  return out;
}
