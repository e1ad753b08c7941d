/**
 * Renders an ApplicationSet's Application template with one set of generator parameters, as Argo
 * CD's RenderTemplateParams does: every string (map keys included) through fasttemplate or Go
 * templates, then the resources finalizer added unless the template has finalizers or the
 * ApplicationSet preserves resources on deletion.
 */
import { InputError } from '../../core/index.js';
import type { MissingKey } from '../gotemplate/exec.js';
import type { FuncMap } from '../gotemplate/template-set.js';
import { TemplateSet } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import { appsetFuncs } from './appset-funcs.js';
import { replaceFastTemplate } from './fasttemplate.js';

/** A JSON value of an Application template. */
export type TemplateJson = null | boolean | number | string | TemplateJson[] | { [key: string]: TemplateJson };

/** The finalizer Argo CD adds so that deleting the Application deletes its resources. */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** Options of renderApplicationTemplate. */
export interface AppTemplateOptions {
  /** Go templates (spec.goTemplate) instead of fasttemplate. */
  readonly goTemplate?: boolean;
  /** spec.goTemplateOptions, e.g. ["missingkey=error"]. */
  readonly goTemplateOptions?: readonly string[];
  /** The ApplicationSet's spec.syncPolicy, when it has one. */
  readonly syncPolicy?: { readonly preserveResourcesOnDeletion?: boolean };
  /** Functions to use instead of appsetFuncs() (to share one map across renders). */
  readonly funcs?: FuncMap;
}

/** The missingkey mode ApplicationSet `goTemplateOptions` ask for (Argo CD accepts only missingkey=...). */
export function missingKeyOf(options: readonly string[]): MissingKey {
  let mode: MissingKey = 'default';
  for (const o of options) {
    const m = /^missingkey=(default|invalid|zero|error)$/.exec(o);
    if (m === null) throw new InputError(`unrecognized goTemplateOptions option: ${o}`);
    mode = m[1] === 'invalid' ? 'default' : (m[1] as MissingKey);
  }
  return mode;
}

type Replace = (text: string) => string;

function goReplacer(params: Readonly<Record<string, unknown>>, options: AppTemplateOptions): Replace {
  const funcs = options.funcs ?? appsetFuncs();
  const missingKey = missingKeyOf(options.goTemplateOptions ?? []);
  return (text) => {
    let set: TemplateSet;
    try {
      set = new TemplateSet({ funcs, missingKey }).parse('base', text);
    } catch (error) {
      throw new InputError(`failed to parse template ${text}: ${(error as Error).message}`, { cause: error });
    }
    try {
      return set.execute('base', params as GoValue);
    } catch (error) {
      throw new InputError(`failed to execute go template ${text}: ${(error as Error).message}`, { cause: error });
    }
  };
}

function deeplyReplace(value: TemplateJson, replace: Replace): TemplateJson {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => deeplyReplace(v, replace));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: TemplateJson } = {};
  for (const [k, v] of Object.entries(value)) out[replace(k)] = deeplyReplace(v, replace);
  return out;
}

function withFinalizer(app: { [key: string]: TemplateJson }, options: AppTemplateOptions): { [key: string]: TemplateJson } {
  const metadata = app['metadata'];
  const meta = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
  const finalizers = meta['finalizers'];
  const hasFinalizers = Array.isArray(finalizers) && finalizers.length > 0;
  if (hasFinalizers || options.syncPolicy?.preserveResourcesOnDeletion === true) return app;
  return { ...app, metadata: { ...meta, finalizers: [RESOURCES_FINALIZER] } };
}

/**
 * Renders an Application template with generator parameters. Empty parameters return the
 * template unchanged, as in Argo CD; a template error is an InputError with Argo CD's wording.
 */
export function renderApplicationTemplate(
  template: { [key: string]: TemplateJson },
  params: Readonly<Record<string, unknown>>,
  options: AppTemplateOptions = {},
): { [key: string]: TemplateJson } {
  if (Object.keys(params).length === 0) return template;
  const replace = options.goTemplate === true ? goReplacer(params, options) : (text: string): string => replaceFastTemplate(text, params);
  const rendered = deeplyReplace(template, replace) as { [key: string]: TemplateJson };
  return withFinalizer(rendered, options);
}
