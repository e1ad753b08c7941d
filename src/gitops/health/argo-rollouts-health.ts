import type { KubeObject } from '../kube-object.js';
import { count, conditionsAt, field, listAt, messageOf, numberAt, text } from './fields.js';
import { health, type Health, type HealthStatusCode } from './health-status.js';

// Argo Rollouts' kinds, judged as Argo CD's bundled health customizations judge them.

/**
 * Whether the controller has seen the current spec. Rollouts before v0.10 wrote a hash, not a
 * number, into status.observedGeneration: those always count as observed.
 */
function isGenerationObserved(obj: KubeObject): boolean {
  if (field(obj, 'status') === undefined) return false;
  const observed = numberAt(obj, 'status', 'observedGeneration');
  const generation = count(obj, 'metadata', 'generation');
  if (observed === undefined || observed > generation) return true;
  return observed === generation;
}

/** With spec.workloadRef (v1.1+), the referenced workload's generation must be observed too. */
function isWorkloadGenerationObserved(obj: KubeObject): boolean {
  const annotations = obj.metadata?.annotations;
  if (field(obj, 'spec', 'workloadRef') === undefined || annotations === undefined) return true;
  const wanted = Number(annotations['rollout.argoproj.io/workload-generation']);
  const observed = numberAt(obj, 'status', 'workloadObservedGeneration');
  const wantedValue = Number.isFinite(wanted) && annotations['rollout.argoproj.io/workload-generation'] !== undefined ? wanted : undefined;
  return wantedValue === observed;
}

function failedCondition(obj: KubeObject): Health | undefined {
  for (const condition of conditionsAt(obj)) {
    const aborted = condition.type === 'Progressing' && (condition.reason === 'RolloutAborted' || condition.reason === 'ProgressDeadlineExceeded');
    if (condition.type === 'InvalidSpec' || aborted) return health('Degraded', messageOf(condition));
  }
  return undefined;
}

function isPaused(obj: KubeObject): boolean {
  return (listAt(obj, 'status', 'pauseConditions') ?? []).length > 0 || field(obj, 'spec', 'paused') === true;
}

function replicasHealth(obj: KubeObject): Health | undefined {
  const desired = numberAt(obj, 'spec', 'replicas') ?? 1;
  const updated = count(obj, 'status', 'updatedReplicas');
  if (updated < desired) return health('Progressing', 'Waiting for roll out to finish: More replicas need to be updated');
  if (count(obj, 'status', 'availableReplicas') < updated) {
    return health('Progressing', 'Waiting for roll out to finish: updated replicas are still becoming available');
  }
  return undefined;
}

/** Before v0.8 the stable ReplicaSet hash lived in status.canary.stableRS. */
function stableReplicaSet(obj: KubeObject): string {
  const stable = field(obj, 'status', 'stableRS');
  return typeof stable === 'string' ? stable : text(obj, 'status', 'canary', 'stableRS');
}

function strategyHealth(obj: KubeObject): Health {
  const podHash = text(obj, 'status', 'currentPodHash');
  const stable = stableReplicaSet(obj);
  if (field(obj, 'spec', 'strategy', 'blueGreen') !== undefined) {
    const active = field(obj, 'status', 'blueGreen', 'activeSelector');
    if (active !== podHash) return health('Progressing', 'active service cutover pending');
    if (stable !== '' && stable !== podHash) return health('Progressing', 'waiting for analysis to complete');
  } else if (field(obj, 'spec', 'strategy', 'canary') !== undefined) {
    if (count(obj, 'status', 'replicas') > count(obj, 'status', 'updatedReplicas')) {
      return health('Progressing', 'Waiting for roll out to finish: old replicas are pending termination');
    }
    if (stable === '' || stable !== podHash) return health('Progressing', 'Waiting for rollout to finish steps');
  }
  return health('Healthy');
}

/** Health of an Argo Rollout: surfaces status.phase (v1.0+), else derives it like older Argo CD did. */
export function assessRollout(obj: KubeObject): Health {
  if (!isGenerationObserved(obj) || !isWorkloadGenerationObserved(obj)) {
    return health('Progressing', 'Waiting for rollout spec update to be observed');
  }
  const phase = text(obj, 'status', 'phase');
  if (phase) return health(phase === 'Paused' ? 'Suspended' : (phase as HealthStatusCode), text(obj, 'status', 'message'));
  const failed = failedCondition(obj);
  if (failed) return failed;
  if (isPaused(obj)) return health('Suspended', 'Rollout is paused');
  if (field(obj, 'status', 'currentPodHash') === undefined) {
    return health('Progressing', 'Waiting for rollout to finish: status has not been reconciled.');
  }
  return replicasHealth(obj) ?? strategyHealth(obj);
}

const ANALYSIS_RUN_PHASES: Readonly<Record<string, readonly [HealthStatusCode, string, boolean]>> = {
  Pending: ['Progressing', 'Analysis run is running', false],
  Running: ['Progressing', 'Analysis run is running', false],
  Successful: ['Healthy', 'Analysis run completed successfully', true],
  Failed: ['Degraded', 'Analysis run failed', true],
  Error: ['Degraded', 'Analysis run had an error', true],
  Inconclusive: ['Unknown', 'Analysis run was inconclusive', true],
};

/** Health of an Argo Rollouts AnalysisRun from status.phase (status.message wins when set). */
export function assessAnalysisRun(obj: KubeObject): Health {
  if (field(obj, 'status') === undefined) {
    return health('Progressing', 'Waiting for analysis run to finish: status has not been reconciled.');
  }
  const entry = ANALYSIS_RUN_PHASES[text(obj, 'status', 'phase')];
  if (!entry) return health('Unknown');
  const [status, fallback, preferStatusMessage] = entry;
  const message = field(obj, 'status', 'message');
  return health(status, preferStatusMessage && typeof message === 'string' ? message : fallback);
}

const EXPERIMENT_PHASES: Readonly<Record<string, readonly [HealthStatusCode, string]>> = {
  Pending: ['Progressing', 'Experiment is pending'],
  Running: ['Progressing', 'Experiment is running'],
  Successful: ['Healthy', 'Experiment is successful'],
  Failed: ['Degraded', 'Experiment has failed'],
  Error: ['Degraded', 'Experiment had an error'],
};

/** Health of an Argo Rollouts Experiment from status.phase. */
export function assessExperiment(obj: KubeObject): Health {
  if (field(obj, 'status') === undefined) {
    return health('Progressing', 'Waiting for experiment to finish: status has not been reconciled.');
  }
  const entry = EXPERIMENT_PHASES[text(obj, 'status', 'phase')];
  return entry ? health(entry[0], entry[1]) : health('Unknown');
}
