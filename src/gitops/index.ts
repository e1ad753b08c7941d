/**
 * gitops: the Application controller module (render -> diff -> plan -> apply -> health -> status).
 * The pure parts decide with no I/O: resource health assessment (Argo CD's built-in checks and
 * bundled customizations), the diff (server-predicted vs live, ignoreDifferences, secrets masked)
 * and sync planning (hooks, phases, waves, kind order, one wave per step, as gitops-engine). The
 * controller in app/ acts through kube and a SourceReader port: argoproj.io Applications and
 * AppProjects reconciled from Git into the hub and registered clusters.
 */
export type { KubeObject, KubeObjectMeta } from './kube-object.js';
export { assessHealth, healthCheckFor, HOOK_FINALIZER } from './health/assess-health.js';
export { builtinHealthCheck, customHealthCheck } from './health/health-checks.js';
export { HEALTH_ORDER, health, isWorseHealth, worstHealth } from './health/health-status.js';
export type { Health, HealthCheck, HealthStatusCode } from './health/health-status.js';
export {
  HOOK_ANNOTATION,
  HOOK_DELETE_POLICY_ANNOTATION,
  SYNC_WAVE_ANNOTATION,
  SYNC_OPTIONS_ANNOTATION,
  HELM_HOOK_ANNOTATION,
  HELM_HOOK_WEIGHT_ANNOTATION,
  HELM_HOOK_DELETE_POLICY_ANNOTATION,
  annotationValues,
  hasAnnotationOption,
} from './sync/annotations.js';
export { hookTypesOf, isHook, isSkipped, hookDeletePoliciesOf, helmHookTypesOf, isHelmHook, helmHookWeight } from './sync/hooks.js';
export type { SyncPhase, HookType, HookDeletePolicy, HelmHookType } from './sync/hooks.js';
export { SYNC_PHASES, phaseOrder, syncPhasesOf, waveOf } from './sync/phases.js';
export { KIND_ORDER, kindRank } from './sync/kind-order.js';
export {
  compareTasks,
  taskObject,
  taskWave,
  taskResultKey,
  isPruneTask,
  isHookTask,
  isPending,
  isRunning,
  isCompleted,
  hasDeletePolicy,
} from './sync/sync-task.js';
export type { SyncTask, SyncResultCode, OperationPhase } from './sync/sync-task.js';
export { sortTasks, sortTasksWithDependencies } from './sync/sort-tasks.js';
export { buildSyncTasks, placePruneTasks } from './sync/build-tasks.js';
export type { ManagedResource, TaskResult, SyncTaskInput } from './sync/build-tasks.js';
export { planSyncStep, refreshTask, describeWaiting, isMultiStep } from './sync/plan-sync.js';
export type { SyncStep, WaitStep, RunStep, SucceedStep, FailStep, HealthAssessor } from './sync/plan-sync.js';
// The Application controller (acts through kube and the SourceReader port).
export { createApplicationController } from './app/application-controller.js';
export type { ApplicationController, ApplicationControllerOptions } from './app/application-controller.js';
export type { SourceReader, SourceRenderer, ObjectComparer } from './app/ports.js';
export { renderWithDirectory, createSourceRenderer } from './app/directory-renderer.js';
export type { SourceRendererOptions } from './app/directory-renderer.js';
export { compareWithDiff } from './app/diff-comparer.js';
export { createApplicationPreview } from './app/preview.js';
export type { ApplicationPreview, ApplicationPreviewOptions } from './app/preview.js';
export { rollbackOperation, isAutomated } from './app/rollback.js';
// Prune and deletion approvals (Prune=confirm, Delete=confirm) given with Argo CD's annotation on the Application.
export { DELETION_APPROVED_ANNOTATION, isDeletionApproved, decidePrune, requiresDeletionConfirmation } from './app/prune-decision.js';
export type { PruneDecision, PruneContext } from './app/prune-decision.js';
// Argo CD repository secrets (secret-type repository / repo-creds): which credentials a repository URL gets.
export { credentialsFor, selectRepoSecret, describeRepoSecretProblems, parseRepoSecret, normalizeRepoUrl } from './app/repo-credentials.js';
export type { RepoCredentials, RepoCredentialEntry, RepoSecretProblem } from './app/repo-credentials.js';
export { readRepoServerTrust, serverTrustFor, TLS_CERTS_CONFIGMAP, SSH_KNOWN_HOSTS_CONFIGMAP } from './app/repo-trust.js';
export type { RepoServerTrust } from './app/repo-trust.js';
export { createCredentialLookup, resolveRepoAccess, readerWithCredentials, gitReaderWithCredentials } from './app/repo-credential-lookup.js';
export type { CredentialLookup } from './app/repo-credential-lookup.js';
export { APPLICATION_CRD, APPPROJECT_CRD } from './app/crds.js';
export { TRACKING_ANNOTATION, formatTrackingId, parseTrackingId } from './app/tracking.js';
export type { Application, ApplicationSpec, ApplicationStatus, ApplicationSource, OperationState, HistoryEntry, Operation } from './app/types.js';
export { diffObjects, diffResources } from './diff/diff-objects.js';
export type { DiffResult, DiffOptions, ResourcePair, ResourceDiff } from './diff/diff-objects.js';
export type { DiffChange, DiffOp } from './diff/compare-values.js';
export { normalizeForDiff, isSecret, LAST_APPLIED_ANNOTATION } from './diff/normalize.js';
export type { NormalizeOptions } from './diff/normalize.js';
export { compileIgnoreDifferences, ignoreRulesFor } from './diff/ignore-differences.js';
export type { ResourceIgnoreDifferences, IgnoreDifferences, IgnoreRule } from './diff/ignore-differences.js';
export { compileJqPath, jqPaths } from './diff/jq-path.js';
export type { JqPathExpression } from './diff/jq-path.js';
export { parseFieldsV1, ownedLocations } from './diff/fields-v1.js';
export type { FieldSet, FieldElement, OwnedLocations } from './diff/fields-v1.js';
export { defaultMergeKeys } from './diff/merge-keys.js';
export type { MergeKeyResolver, ListContext } from './diff/merge-keys.js';
export { applyIgnoredFromLive } from './diff/respect-ignore.js';
export type { RespectIgnoreOptions } from './diff/respect-ignore.js';
export { maskSecret, maskSecretPair, SECRET_MASK } from './diff/secret-mask.js';
export { renderDiff, renderResourceDiffs } from './diff/render-diff.js';
export type { ObjectPath, PathSegment } from './diff/object-path.js';
export { assessResourceHealth, assessGenericHealth, assessApplicationHealth } from './health/generic-health.js';
// Triggers for repositories gantry does not host: polling, and GitHub/GitLab push webhooks.
export { createRepoPoller } from './triggers/repo-poller.js';
export type { RepoPoller, RepoPollerOptions } from './triggers/repo-poller.js';
export { refreshFromWebhook } from './triggers/webhook-refresh.js';
export type { TriggerGit, AppRefresher, AppSetRefresher } from './triggers/ports.js';
export { externalRevisions, sourceMoved, nextPollDelayMs } from './triggers/sources.js';
// Plans: what a revision of a repository would change in every app and cluster that uses it.
export { planApplications } from './plan/plan-applications.js';
export type { PlanOptions } from './plan/plan-applications.js';
export { formatPlan, summarizeAppPlan } from './plan/format-plan.js';
export type { AppPlan, ResourcePlan, ResourceAction } from './plan/plan-types.js';
