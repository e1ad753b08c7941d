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
// Remote targets (git URLs in resources/components) and Helm repository charts: parsed as kustomize
// does, fetched before the synchronous build through a RemoteFetcher, then read from memory.
export { prefetchRemoteSources } from './kustomize/remote-sources.js';
export type { RemoteResources, RemoteFetcher, ChartPull, PrefetchOptions } from './kustomize/remote-sources.js';
export { parseRemoteTarget, isRemoteTarget } from './kustomize/remote-url.js';
export type { RemoteTarget } from './kustomize/remote-url.js';
export type { LoadRestrictions } from './kustomize/file-system.js';
export type { JsonValue as KustomizeJsonValue, JsonObject as KustomizeJsonObject } from './kustomize/json-value.js';
// Sprig v3 as a function map, plus the typed-container marker it needs for Go's %T.
export { sprigFuncs } from './sprig/sprig-funcs.js';
export type { SprigOptions } from './sprig/context.js';
export { withGoType } from './gotemplate/value.js';
export { semverCompare } from './sprig/semver.js';
export { toInt64, toFloat64, strval } from './sprig/conversion.js';
// Helm, in process: Helm's function map (Sprig minus env/expandenv, toYaml/fromYaml/toToml, include,
// tpl, required, fail, lookup), the engine over a chart tree, charts from file trees (subchart
// directories and .tgz), dependencies, values coalescing and schema checks, and renderHelmChart.
export { renderHelmChart } from './helm/render-helm-chart.js';
export type { HelmRenderOptions, HelmRenderResult } from './helm/render-helm-chart.js';
export type { HelmManifest } from './helm/manifests.js';
export { HOOK_ANNOTATION, INSTALL_ORDER } from './helm/manifests.js';
export type { HelmParameter, ValueSources as HelmValueSources } from './helm/value-sources.js';
export { mergeUserValues as mergeHelmUserValues } from './helm/value-sources.js';
export { helmFuncs } from './helm/helm-funcs.js';
export type { HelmFuncOptions } from './helm/helm-funcs.js';
export { loadChart } from './helm/chart-loader.js';
export type { LoadChartOptions } from './helm/chart-loader.js';
export type { HelmChart, ChartMetadata, ChartDependency, Values as HelmValues } from './helm/chart.js';
export { renderChartTemplates } from './helm/render-engine.js';
export type { EngineOptions as HelmEngineOptions } from './helm/render-engine.js';
export { processDependencies as processHelmDependencies } from './helm/dependencies.js';
export { coalesceValues as coalesceHelmValues } from './helm/values-coalesce.js';
export { validateValues as validateHelmValues } from './helm/values-schema.js';
export { capabilitiesValue as helmCapabilities, DEFAULT_KUBE_VERSION } from './helm/capabilities.js';
export type { HelmCapabilities } from './helm/capabilities.js';
export { parseGoYaml, parseGoYamlDocuments } from './helm/go-yaml-read.js';
export { toYaml as goToYaml } from './helm/go-yaml-write.js';
// ApplicationSet template rendering: fasttemplate `{{name}}` or goTemplate with Argo CD's extra
// functions (normalize, slugify, toYaml, fromYaml, fromYamlArray), over every string and map key
// of an Application template, plus Argo CD's resources finalizer rule.
export { renderApplicationTemplate, missingKeyOf, RESOURCES_FINALIZER } from './appset-template/render-template.js';
export type { AppTemplateOptions, TemplateJson } from './appset-template/render-template.js';
export { appsetFuncs, normalizeName, slugifyName } from './appset-template/appset-funcs.js';
export { replaceFastTemplate } from './appset-template/fasttemplate.js';
// The parsed-template cache a caller keeps across Helm renders (renderHelmChart's `cache`), and the
// chart archive reader (gzip + tar) that Helm repository clients reuse for downloaded charts.
export { createHelmTemplateCache } from './helm/template-cache.js';
export type { HelmTemplateCache, HelmTemplateCacheOptions, HelmTemplateCacheStats, LruCache as HelmLruCache, CacheCounters as HelmCacheCounters } from './helm/template-cache.js';
export { readChartArchive } from './helm/chart-archive.js';
// Kustomize's parse cache: parsed YAML by content hash, owned by the caller and passed as `cache`.
export { createKustomizeCache } from './kustomize/kustomize-cache.js';
export type { KustomizeCache, KustomizeCacheOptions, KustomizeCacheStats } from './kustomize/kustomize-cache.js';
