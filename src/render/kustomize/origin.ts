/**
 * Build metadata (`buildMetadata: [originAnnotations, transformerAnnotations]`): where each
 * resource came from (a file, or the generator that made it) and which transformers touched it,
 * tracked beside the resource and written as annotations at the end of the build.
 */
import { posix } from 'node:path';
import { resolvesAsString } from './go-yaml-resolve.js';
import { ensureObject, isObject } from './json-value.js';
import type { Resource } from './resource.js';

/** The generator or transformer configuration that produced or changed a resource. */
export interface ConfiguredBy {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

/** A resource's origin, or one transformation, as kustomize records it. */
export interface Origin {
  path?: string;
  /** The remote repository (and ref) the resource or kustomization came from. */
  repo?: string;
  ref?: string;
  configuredIn?: string;
  configuredBy?: ConfiguredBy;
}

/** The annotation holding a resource's origin. */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** The annotation listing the transformations of a resource. */
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** Joins origin paths as Go's filepath.Join does (an empty base adds nothing). */
export function joinOriginPath(base: string, path: string): string {
  return base === '' ? posix.normalize(path) : posix.join(base, path);
}

/** Where a remote kustomization's repository is, for origins recorded inside it. */
export interface OriginRepo {
  repo: string;
  ref: string;
}

/** The origin of something a kustomization's builtin generator or transformer did. */
export function builtinOrigin(originPath: string, kustomizationFile: string, kind: string, repo?: OriginRepo): Origin {
  return { ...(repo ?? {}), configuredIn: joinOriginPath(originPath, posix.basename(kustomizationFile)), configuredBy: { apiVersion: 'builtin', kind } };
}

/** The origin of something a plugin configured by an object did. */
export function pluginOrigin(config: Resource): Origin {
  const by: ConfiguredBy = { apiVersion: String(config.obj['apiVersion'] ?? ''), kind: config.kind() };
  if (config.name() !== '') by.name = config.name();
  if (config.namespace() !== '') by.namespace = config.namespace();
  const out: Origin = { configuredBy: by };
  if (config.buildOrigin?.repo !== undefined) out.repo = config.buildOrigin.repo;
  if (config.buildOrigin?.ref !== undefined) out.ref = config.buildOrigin.ref;
  if (config.buildOrigin?.path !== undefined) out.configuredIn = config.buildOrigin.path;
  return out;
}

/** Records that a transformer ran over every resource (its origin when a resource has none). */
export function recordTransformation(resources: readonly Resource[], origin: Origin): void {
  for (const r of resources) {
    if (r.buildOrigin === undefined) r.buildOrigin = origin;
    else r.transformations.push(origin);
  }
}

function scalar(value: string): string {
  return resolvesAsString(value) && !/^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$/.test(value) ? value : JSON.stringify(value);
}

function originLines(o: Origin): string[] {
  const lines: string[] = [];
  if (o.path !== undefined) lines.push(`path: ${scalar(o.path)}`);
  if (o.repo !== undefined) lines.push(`repo: ${scalar(o.repo)}`);
  if (o.ref !== undefined && o.ref !== '') lines.push(`ref: ${scalar(o.ref)}`);
  if (o.configuredIn !== undefined) lines.push(`configuredIn: ${scalar(o.configuredIn)}`);
  if (o.configuredBy !== undefined) {
    lines.push('configuredBy:');
    for (const key of ['apiVersion', 'kind', 'name', 'namespace'] as const) {
      const v = o.configuredBy[key];
      if (v !== undefined && v !== '') lines.push(`  ${key}: ${scalar(v)}`);
    }
  }
  return lines;
}

/** The origin annotation's value. */
export function formatOrigin(o: Origin): string {
  return originLines(o).map((l) => `${l}\n`).join('');
}

/** The transformations annotation's value. */
export function formatTransformations(list: readonly Origin[]): string {
  return list.map((o) => originLines(o).map((l, i) => `${i === 0 ? '- ' : '  '}${l}\n`).join('')).join('');
}

/** Writes the requested build annotations onto the resources. */
export function writeBuildAnnotations(resources: readonly Resource[], options: readonly string[]): void {
  const origins = options.includes('originAnnotations');
  const transformations = options.includes('transformerAnnotations');
  for (const r of resources) {
    const annotations: Record<string, string> = {};
    if (origins && r.buildOrigin !== undefined) annotations[ORIGIN_ANNOTATION] = formatOrigin(r.buildOrigin);
    if (transformations && r.transformations.length > 0) annotations[TRANSFORMATIONS_ANNOTATION] = formatTransformations(r.transformations);
    if (Object.keys(annotations).length === 0) continue;
    const meta = ensureObject(r.obj, ['metadata']);
    meta['annotations'] = { ...(isObject(meta['annotations']) ? meta['annotations'] : {}), ...annotations };
  }
}
