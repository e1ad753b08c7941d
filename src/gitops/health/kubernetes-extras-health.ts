import type { KubeObject } from '../kube-object.js';
import { conditionsAt, field, listAt, messageOf, text } from './fields.js';
import { health, type Health } from './health-status.js';

// Built-in Kubernetes kinds whose health Argo CD defines as bundled customizations, not in Go.

/** What a CRD's conditions say, each with the message of the condition that said it. */
interface CrdState {
  terminating?: string;
  namesNotAccepted?: string;
  nonStructural?: string;
  established: boolean;
  /** Established is False only because the apiserver is still installing the CRD. */
  installing: boolean;
}

function readCrdConditions(obj: KubeObject): CrdState {
  const state: CrdState = { established: false, installing: false };
  for (const c of conditionsAt(obj)) {
    if (c.type === 'Terminating' && c.status === 'True') state.terminating = messageOf(c);
    if (c.type === 'NamesAccepted' && c.status === 'False') state.namesNotAccepted = messageOf(c);
    if (c.type === 'NonStructuralSchema' && c.status === 'True') state.nonStructural = messageOf(c);
    if (c.type === 'Established') {
      state.established = c.status === 'True';
      state.installing = c.status === 'False' && c.reason === 'Installing';
    }
  }
  return state;
}

/** Health of a CustomResourceDefinition: established, names accepted, structural schema. */
export function assessCustomResourceDefinition(obj: KubeObject): Health {
  if (obj.metadata?.deletionTimestamp !== undefined) return health('Progressing', 'CRD is terminating');
  if ((listAt(obj, 'status', 'conditions') ?? []).length === 0) return health('Progressing', 'Status conditions not found');
  const state = readCrdConditions(obj);
  if (state.terminating !== undefined) return health('Progressing', `CRD is terminating: ${state.terminating}`);
  if (state.namesNotAccepted !== undefined) return health('Degraded', `CRD names have not been accepted: ${state.namesNotAccepted}`);
  if (state.installing) return health('Progressing', 'CRD is being installed');
  if (!state.established) return health('Degraded', 'CRD is not established');
  if (state.nonStructural !== undefined) return health('Degraded', `Schema violations found: ${state.nonStructural}`);
  return health('Healthy', 'CRD is healthy');
}

/** Health of a CronJob: suspended, or judged by whether its last scheduled run succeeded. */
export function assessCronJob(obj: KubeObject): Health {
  if (field(obj, 'spec', 'suspend') === true) return health('Suspended', 'CronJob is Suspended');
  if (field(obj, 'status') === undefined) return health('Progressing', 'Waiting for CronJob');
  const lastSchedule = text(obj, 'status', 'lastScheduleTime');
  if (!lastSchedule) return health('Healthy', 'CronJob has not been scheduled yet');
  const lastSuccess = text(obj, 'status', 'lastSuccessfulTime');
  if (!lastSuccess) return health('Healthy', 'The Cronjob never completed succesfully. It may not be healthy');
  if ((listAt(obj, 'status', 'active') ?? []).length > 0) {
    return health('Healthy', 'The job is running. Its last execution may not have been successful');
  }
  if (lastSuccess < lastSchedule) return health('Degraded', 'CronJob has not completed its last execution successfully');
  return health('Healthy', 'CronJob has completed its last execution successfully');
}

/** Health of a PodDisruptionBudget: a False condition degrades it unless the reason is InsufficientPods. */
export function assessPodDisruptionBudget(obj: KubeObject): Health {
  let result = health('Progressing', 'Waiting for status');
  for (const condition of conditionsAt(obj)) {
    const message = `PodDisruptionBudget has ${condition.reason ?? ''}`;
    if (condition.status === 'False' && condition.reason !== 'InsufficientPods') return health('Degraded', message);
    result = health('Healthy', message);
  }
  return result;
}
