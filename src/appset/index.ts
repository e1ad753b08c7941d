/**
 * appset: the ApplicationSet controller (argoproj.io/v1alpha1). Generators (list, clusters, git,
 * matrix, merge) produce parameter sets, templates turn them into Applications, and the controller
 * keeps the generated Applications in line with them. Generators and templating are pure.
 */
export type {
  ApplicationSet,
  ApplicationSetSpec,
  ApplicationSetStatus,
  AppSetCondition,
  AppSetApplicationStatus,
  GeneratorSpec,
  ParamSet,
  TemplateMode,
} from './types.js';
// The pure generators, reading the world through two small ports.
export { transformGenerator, generatorKinds } from './generators/generate.js';
export type { GeneratorResult } from './generators/generate.js';
export type { ClusterSource, RepoFiles, GenerateContext, GeneratorImpl, GeneratorKind } from './generators/ports.js';
export { generateClusterParams, SECRET_TYPE_LABEL, IN_CLUSTER_SERVER, IN_CLUSTER_NAME } from './generators/clusters.js';
export { generateListParams } from './generators/list.js';
export { generateDirectoryParams, generateFileParams } from './generators/git.js';
export { paramSetsByMergeKey } from './generators/merge-keys.js';
export { appendTemplatedValues, sanitizeName } from './generators/params.js';
// From parameters to Applications, and what a reconcile would change.
export { renderApplications, GenerationError } from './controller/render-apps.js';
export type { GeneratedApp } from './controller/render-apps.js';
export { generateApplications } from './controller/reconcile-appset.js';
export { planApplications, isOwnedBy } from './controller/plan.js';
export type { AppPlan, AppUpdate } from './controller/plan.js';
export { appSetsForClusterChange, readsRepo, requeueAfterSeconds } from './controller/triggers.js';
export { progressRollingSync, isRollingSync } from './controller/rolling-sync.js';
export { createRepoFiles } from './controller/repo-files.js';
export { previewApplications, fieldChanges } from './controller/preview.js';
export type { PreviewEntry } from './controller/preview.js';
export { validateApplications } from './controller/validate.js';
export { destinationIndex } from './controller/cluster-source.js';
// The controller and its CRD.
export { createApplicationSetController } from './controller/appset-controller.js';
export type { ApplicationSetController, ApplicationSetControllerOptions } from './controller/appset-controller.js';
export { APPLICATIONSET_CRD, installApplicationSetApi } from './controller/crds.js';
