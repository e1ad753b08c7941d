import type { DiffResult } from '../diff/diff-objects.js';

/** What applying a revision would do to one resource. */
export type ResourceAction = 'create' | 'update' | 'prune' | 'shared' | 'error';

/** One resource a plan would touch (in-sync resources are left out). */
export interface ResourcePlan {
  action: ResourceAction;
  group: string;
  kind: string;
  namespace: string;
  name: string;
  /** For an update: desired (server-predicted) vs live, Secret values masked. */
  diff?: DiffResult;
  /** For a shared resource: the app that tracks it (it is left to that app). */
  sharedWith?: string;
  message?: string;
}

/** What a revision would change in one Application's destination. */
export interface AppPlan {
  app: string;
  /** The destination cluster's name (or server), and namespace. */
  cluster: string;
  namespace: string;
  /** The commit planned, and the one the app is at now. */
  revision: string;
  currentRevision?: string;
  /** Whether the app would prune by itself (automated sync with prune); otherwise prunes wait for a sync with prune. */
  autoPrune: boolean;
  resources: ResourcePlan[];
  /** Hooks that would run on sync (PreSync, Sync, PostSync...). */
  hooks: number;
  /** Why this app could not be planned (render error, unknown cluster, project refusal). */
  error?: string;
}
