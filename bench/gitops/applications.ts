import type { Application } from '../../src/gitops/index.js';
import type { KubeObject } from '../../src/kube/index.js';

/** An automated Application of one folder of a hosted repository, into an existing namespace. */
export function applicationOf(o: { name: string; namespace: string; repoURL: string; path: string; destNamespace: string }): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: o.name, namespace: o.namespace, labels: { 'gantry.io/bench': 'gitops' } },
    spec: {
      project: 'default',
      source: { repoURL: o.repoURL, path: o.path, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: o.destNamespace },
      syncPolicy: { automated: { prune: true } },
    },
  };
}

/** Synced at `commit`: the live objects match that commit (compared after the sync applied them). */
export function isSyncedAt(obj: KubeObject, commit: string): boolean {
  const sync = (obj as unknown as Application).status?.sync;
  return sync?.status === 'Synced' && sync.revision === commit;
}

/** Synced at `commit` and the sync operation of that commit has finished successfully. */
export function isSettledAt(obj: KubeObject, commit: string): boolean {
  const op = (obj as unknown as Application).status?.operationState;
  return isSyncedAt(obj, commit) && op?.phase === 'Succeeded' && op.syncResult?.revision === commit;
}
