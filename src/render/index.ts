/**
 * render: turns sources into Kubernetes manifests in process. Today it holds a faithful Go
 * text/template engine (Go 1.19 semantics: pipelines, variables, control structures, define/
 * template/block, builtins with Go's fmt and comparison rules, missingkey options, Go-style
 * errors) over a Go value model for JSON-shaped data. Function maps plug in on top of it: Sprig,
 * Helm's include/tpl/toYaml and Argo CD's goTemplate extras. Pure: no I/O.
 */
export { TemplateSet, parseTemplates, executeTemplate } from './gotemplate/template-set.js';
export type { FuncMap, TemplateSetOptions, ExecuteOptions } from './gotemplate/template-set.js';
export type { MissingKey } from './gotemplate/exec.js';
export { TemplateError } from './gotemplate/errors.js';
export type { TemplateLocation } from './gotemplate/errors.js';
export {
  GoInt,
  GoComplex,
  GoStruct,
  GoFunc,
  goFunc,
  goInt,
  isGoMap,
  isTrue,
  typeName,
  ANY,
  REFLECT_VALUE,
} from './gotemplate/value.js';
export type { GoValue, GoMap, GoType, GoSignature, GoFuncImpl, FuncContext, IntKind } from './gotemplate/value.js';
export { sprint, sprintln, formatValue } from './gotemplate/fmt.js';
export { sprintf } from './gotemplate/fmt-printf.js';
export { eq, ne, lt, le, gt, ge } from './gotemplate/compare.js';
export { renderDirectory, selectManifestFiles, detectSourceType, compileGlob } from './directory/public.js';
export type { RenderedManifest, DirectoryOptions, SourceType, Glob } from './directory/public.js';
// Kustomize, in process: kustomization files, resources, components, generators with kustomize's
// content hash, patches, name references, and output formatted byte for byte as kustomize prints it.
export { renderKustomization } from './kustomize/render-kustomization.js';
export type { KustomizeOptions, KustomizeResult, ReorderOption } from './kustomize/render-kustomization.js';
export type { RemoteResources } from './kustomize/kust-target.js';
export type { LoadRestrictions } from './kustomize/file-system.js';
export type { JsonValue as KustomizeJsonValue, JsonObject as KustomizeJsonObject } from './kustomize/json-value.js';
// Sprig v3 as a function map, plus the typed-container marker it needs for Go's %T.
export { sprigFuncs } from './sprig/sprig-funcs.js';
export type { SprigOptions } from './sprig/context.js';
export { withGoType } from './gotemplate/value.js';
export { semverCompare } from './sprig/semver.js';
export { toInt64, toFloat64, strval } from './sprig/conversion.js';
