/** The Application fields gantry reads and writes, named as Argo CD names them. */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  ref?: string;
  directory?: { recurse?: boolean; include?: string; exclude?: string; jsonnet?: unknown };
  helm?: Record<string, unknown>;
  kustomize?: Record<string, unknown>;
  plugin?: Record<string, unknown>;
}

/** Where an Application deploys: a cluster by server URL or by name, and a default namespace. */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** One `spec.ignoreDifferences` entry. */
export interface IgnoreDifference {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** `spec.syncPolicy`. */
export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean };
  syncOptions?: string[];
  retry?: { limit?: number; backoff?: { duration?: string; factor?: number; maxDuration?: string } };
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** `spec` of an Application. */
export interface ApplicationSpec {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  project?: string;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: IgnoreDifference[];
  revisionHistoryLimit?: number;
}

/** A sync request (`operation.sync`). */
export interface SyncOperation {
  revision?: string;
  /** One revision per source of a multi-source app, in `sources` order. */
  revisions?: string[];
  /** The source to sync instead of the spec's (set by a rollback to a history entry). */
  source?: ApplicationSource;
  /** The sources to sync instead of the spec's (a rollback of a multi-source app). */
  sources?: ApplicationSource[];
  prune?: boolean;
  dryRun?: boolean;
  syncOptions?: string[];
  resources?: { group?: string; kind: string; name: string; namespace?: string }[];
  /** `argocd app sync --force` sets `force` on the strategy: every resource is written as with `Force=true`. */
  syncStrategy?: { apply?: { force?: boolean }; hook?: { force?: boolean } };
}

/** A requested or running operation. */
export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: { username?: string; automated?: boolean };
  retry?: SyncPolicy['retry'];
}

/** One resource's result in `status.operationState.syncResult.resources`. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
  message?: string;
  hookType?: string;
  hookPhase?: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
  syncPhase?: string;
}

/** `status.operationState`: the sync state machine, persisted so a restart resumes it. */
export interface OperationState {
  operation: Operation;
  phase: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
  message?: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult?: { resources?: ResourceResult[]; revision: string; source?: ApplicationSource; revisions?: string[]; sources?: ApplicationSource[] };
}

/** One entry of `status.resources`. */
export interface ResourceStatus {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: 'Synced' | 'OutOfSync' | 'Unknown';
  health?: { status: string; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

/** One entry of `status.conditions`. */
export interface AppCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

/** One entry of `status.history`: a single-source deploy has revision and source, a multi-source one revisions and sources. */
export interface HistoryEntry {
  id: number;
  revision?: string;
  revisions?: string[];
  deployedAt: string;
  deployStartedAt?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  initiatedBy?: Operation['initiatedBy'];
}

/** `status` of an Application. */
export interface ApplicationStatus {
  sync?: {
    status: 'Synced' | 'OutOfSync' | 'Unknown';
    revision?: string;
    revisions?: string[];
    comparedTo?: { source?: ApplicationSource; sources?: ApplicationSource[]; destination: ApplicationDestination };
  };
  health?: { status: string; message?: string };
  resources?: ResourceStatus[];
  conditions?: AppCondition[];
  operationState?: OperationState;
  history?: HistoryEntry[];
  reconciledAt?: string;
  sourceType?: string;
  /** One source type per source of a multi-source app. */
  sourceTypes?: string[];
  summary?: { images?: string[] };
  controllerNamespace?: string;
}

/** An argoproj.io/v1alpha1 Application. */
export interface Application {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: { name: string; namespace: string; uid?: string; finalizers?: string[]; deletionTimestamp?: string; annotations?: Record<string, string>; labels?: Record<string, string>; generation?: number; resourceVersion?: string };
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}
