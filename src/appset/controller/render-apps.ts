/**
 * From parameter sets to Applications, as Argo CD's generateApplications does: each generator's
 * template (its own `template` merged over spec.template), rendered with each parameter set,
 * templatePatch applied, placed in the ApplicationSet's namespace and owned by it. Pure.
 */
import { InputError } from '../../core/index.js';
import type { KubeObject, OwnerReference } from '../../kube/index.js';
import { parseGoYaml, renderApplicationTemplate, type TemplateJson } from '../../render/index.js';
import { mergeOverride } from '../generators/combine.js';
import type { GeneratorResult } from '../generators/generate.js';
import { replaceTemplated, templateFuncs } from '../generators/params.js';
import type { ApplicationSet, JsonObject, ParamSet } from '../types.js';

/** A generated Application. */
export interface GeneratedApp extends KubeObject {
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    ownerReferences?: OwnerReference[];
  };
  spec: Record<string, unknown>;
  operation?: Record<string, unknown>;
}

/** Why generation failed, in Argo CD's reason names. */
export type GenerationFailureReason = 'ApplicationGenerationFromParamsError' | 'RenderTemplateParamsError' | 'ApplicationValidationError';

/** A failure that carries Argo CD's condition reason. */
export class GenerationError extends InputError {
  readonly reason: GenerationFailureReason;
  constructor(reason: GenerationFailureReason, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.reason = reason;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7386 merge patch (what a strategic merge patch does on Application's fields, which have no merge keys). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The ownerReference every generated Application carries. */
export function ownerReferenceOf(appset: ApplicationSet): OwnerReference {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', name: appset.metadata.name ?? '', uid: appset.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

function applyTemplatePatch(app: JsonObject, appset: ApplicationSet, params: ParamSet): JsonObject {
  const patchText = appset.spec.templatePatch;
  if (patchText === undefined || patchText === '') return app;
  const rendered = replaceTemplated(patchText, params, { goTemplate: appset.spec.goTemplate === true, goTemplateOptions: appset.spec.goTemplateOptions ?? [] });
  let patch: unknown;
  try {
    patch = parseGoYaml(rendered);
  } catch (error) {
    throw new InputError(`error converting YAML to JSON in templatePatch: ${(error as Error).message}`, { cause: error });
  }
  if (patch === null) return app;
  if (!isObject(patch)) throw new InputError('templatePatch must render to a YAML map');
  return mergePatch(app, patch) as JsonObject;
}

function toApp(rendered: JsonObject, appset: ApplicationSet): GeneratedApp {
  const meta = (isObject(rendered['metadata']) ? rendered['metadata'] : {}) as Record<string, unknown>;
  const name = meta['name'];
  if (typeof name !== 'string' || name === '') throw new GenerationError('ApplicationValidationError', 'application name is empty: the template must render metadata.name');
  const metadata: GeneratedApp['metadata'] = { name, namespace: appset.metadata.namespace ?? '' };
  if (isObject(meta['labels']) && Object.keys(meta['labels']).length > 0) metadata.labels = meta['labels'] as Record<string, string>;
  if (isObject(meta['annotations']) && Object.keys(meta['annotations']).length > 0) metadata.annotations = meta['annotations'] as Record<string, string>;
  if (Array.isArray(meta['finalizers']) && meta['finalizers'].length > 0) metadata.finalizers = meta['finalizers'] as string[];
  metadata.ownerReferences = [ownerReferenceOf(appset)];
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata, spec: (isObject(rendered['spec']) ? rendered['spec'] : {}) as Record<string, unknown> };
}

function renderOne(template: JsonObject, params: ParamSet, appset: ApplicationSet): GeneratedApp {
  let rendered: JsonObject;
  try {
    rendered = renderApplicationTemplate(template as { [key: string]: TemplateJson }, params, {
      goTemplate: appset.spec.goTemplate === true,
      goTemplateOptions: appset.spec.goTemplateOptions ?? [],
      funcs: templateFuncs(),
      ...(appset.spec.syncPolicy ? { syncPolicy: appset.spec.syncPolicy } : {}),
    }) as JsonObject;
    rendered = applyTemplatePatch(rendered, appset, params);
  } catch (error) {
    if (error instanceof GenerationError) throw error;
    throw new GenerationError('RenderTemplateParamsError', (error as Error).message, { cause: error });
  }
  return toApp(rendered, appset);
}

/**
 * Renders every Application of an ApplicationSet from its generators' results. Throws a
 * GenerationError (with Argo CD's reason) on a template error or on two Applications with one name.
 */
export function renderApplications(appset: ApplicationSet, results: readonly GeneratorResult[]): GeneratedApp[] {
  const apps: GeneratedApp[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    const template = result.template ? (mergeOverride(appset.spec.template ?? {}, result.template) as JsonObject) : (appset.spec.template ?? {});
    for (const params of result.params) {
      const app = renderOne(template, params, appset);
      if (seen.has(app.metadata.name)) {
        throw new GenerationError('ApplicationValidationError', `ApplicationSet ${appset.metadata.name ?? ''} contains applications with duplicate name: ${app.metadata.name}`);
      }
      seen.add(app.metadata.name);
      apps.push(app);
    }
  }
  return apps;
}
