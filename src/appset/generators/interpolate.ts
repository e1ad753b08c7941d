/**
 * Interpolating a generator with a matrix parent's params (Argo CD's InterpolateGenerator): every
 * string and map key of the generator is rendered, except list `elements`, which Argo CD keeps as
 * raw JSON (elementsYaml, a string, is rendered). A generator's own `values` may refer to its own
 * output (`{{.path.basename}}`), so with goTemplate a value that cannot be resolved from the
 * parent's params (missingkey=error) stays as written for the generator to render later.
 */
import { InputError } from '../../core/index.js';
import type { GeneratorSpec, ParamSet, TemplateMode } from '../types.js';
import { replaceTemplated } from './params.js';

type Replace = (s: string, path: string) => string;

function deepReplace(value: unknown, replace: Replace, path: string): unknown {
  if (typeof value === 'string') return replace(value, path);
  if (Array.isArray(value)) return value.map((v) => deepReplace(v, replace, `${path}[]`));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const here = `${path}.${k}`;
    out[here === '.list.elements' ? k : replace(k, path)] = here === '.list.elements' ? v : deepReplace(v, replace, here);
  }
  return out;
}

/** The generator with every templated string rendered against `params`. */
export function interpolateGenerator(generator: GeneratorSpec, params: ParamSet, mode: TemplateMode): GeneratorSpec {
  const strict: TemplateMode = { ...mode, goTemplateOptions: [...(mode.goTemplateOptions ?? []), 'missingkey=error'] };
  const replace: Replace = (s, path) => {
    if (!mode.goTemplate || !/^\.[a-zA-Z]+\.values\./.test(path)) return replaceTemplated(s, params, mode);
    try {
      return replaceTemplated(s, params, strict);
    } catch {
      return s;
    }
  };
  try {
    return deepReplace(generator, replace, '') as GeneratorSpec;
  } catch (error) {
    throw new InputError(`error interpolating generator with other generator's parameter: ${(error as Error).message}`, { cause: error });
  }
}
