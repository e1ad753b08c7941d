/**
 * Which ApplicationSets an outside change concerns, decided purely. A cluster Secret's change
 * concerns only ApplicationSets with a clusters generator whose selector could match the Secret's
 * old or new labels (a selector still holding `{{` is templated by a matrix parent and is assumed
 * to match); a push concerns those with a git generator on that repository. Polling follows Argo
 * CD: git generators every requeueAfterSeconds (default 180 s), list and clusters never.
 */
import { compileSelector } from '../generators/selector.js';
import type { ApplicationSetSpec, GeneratorSpec, LabelSelector } from '../types.js';

/** Argo CD's default requeue of a git generator. */
export const DEFAULT_GIT_REQUEUE_SECONDS = 180;

function childrenOf(g: GeneratorSpec): GeneratorSpec[] {
  return [...(g.matrix?.generators ?? []), ...(g.merge?.generators ?? [])];
}

/** Every generator of a spec, nested matrix and merge children included. */
export function allGenerators(spec: ApplicationSetSpec): GeneratorSpec[] {
  const out: GeneratorSpec[] = [];
  const visit = (g: GeneratorSpec): void => {
    out.push(g);
    childrenOf(g).forEach(visit);
  };
  (spec.generators ?? []).forEach(visit);
  return out;
}

function couldMatch(selector: LabelSelector | undefined, labelSets: readonly Readonly<Record<string, string>>[]): boolean {
  if (JSON.stringify(selector ?? {}).includes('{{')) return true;
  try {
    const matches = compileSelector(selector);
    return labelSets.some((l) => matches(l));
  } catch {
    return true; // A broken selector: let the reconcile report it.
  }
}

/** A cluster Secret's labels before and after a change (absent when it was created or deleted). */
export interface ClusterLabelChange {
  readonly oldLabels?: Readonly<Record<string, string>>;
  readonly newLabels?: Readonly<Record<string, string>>;
}

/** The keys of the ApplicationSets a cluster Secret's change could affect. */
export function appSetsForClusterChange(appsets: readonly { key: string; spec: ApplicationSetSpec }[], change: ClusterLabelChange): string[] {
  const labelSets = [change.oldLabels, change.newLabels].filter((l): l is Readonly<Record<string, string>> => l !== undefined);
  return appsets
    .filter((a) => allGenerators(a.spec).some((g) => g.clusters !== undefined && g.clusters !== null && couldMatch(g.clusters.selector, labelSets)))
    .map((a) => a.key);
}

/** True when a spec has a git generator reading a repository `matches` accepts (templated URLs always count). */
export function readsRepo(spec: ApplicationSetSpec, matches: (repoURL: string) => boolean): boolean {
  return allGenerators(spec).some((g) => g.git !== undefined && g.git !== null && (g.git.repoURL.includes('{{') || matches(g.git.repoURL)));
}

/** How long until an ApplicationSet should be generated again without any event (undefined: never). */
export function requeueAfterSeconds(spec: ApplicationSetSpec): number | undefined {
  const seconds = allGenerators(spec)
    .filter((g) => g.git !== undefined && g.git !== null)
    .map((g) => g.git?.requeueAfterSeconds ?? DEFAULT_GIT_REQUEUE_SECONDS)
    .filter((s) => s > 0);
  return seconds.length > 0 ? Math.min(...seconds) : undefined;
}
