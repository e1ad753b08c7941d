import { annotationsOf, type KubeObject } from '../kube-object.js';
import { conditionsAt, field, isFields, recordsAt, text, type Fields } from './fields.js';
import { health, type Health } from './health-status.js';

/** Annotation that asks for a Never/OnFailure pod to be judged like an Always pod (unless it is a hook). */
export const IGNORE_RESTART_POLICY_ANNOTATION = 'argocd.argoproj.io/ignore-restart-policy';

const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/**
 * The restart policy health is judged by. Pods with a finite life (Never, OnFailure) are usually
 * hooks, so they stay Progressing while running; the ignore-restart-policy annotation lets an
 * operator-owned pod count as long-running, but never for a hook.
 */
function effectiveRestartPolicy(obj: KubeObject): string {
  const policy = text(obj, 'spec', 'restartPolicy');
  const annotations = annotationsOf(obj);
  const ignore = annotations[IGNORE_RESTART_POLICY_ANNOTATION] === 'true' && annotations[HOOK_ANNOTATION] === undefined;
  return ignore && (policy === 'Never' || policy === 'OnFailure') ? 'Always' : policy;
}

function isErrorWaitingReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

/** Containers waiting on an error (ImagePullBackOff, CrashLoopBackOff, ErrImagePull...) degrade a long-running pod. */
function waitingOnError(obj: KubeObject): Health | undefined {
  const messages: string[] = [];
  for (const status of recordsAt(obj, 'status', 'containerStatuses')) {
    const waiting = field(status, 'state', 'waiting');
    if (isFields(waiting) && isErrorWaitingReason(text(waiting, 'reason'))) messages.push(text(waiting, 'message'));
  }
  return messages.length > 0 ? health('Degraded', messages.join(', ')) : undefined;
}

function terminatedMessage(container: Fields): string {
  const terminated = field(container, 'state', 'terminated');
  if (!isFields(terminated)) return '';
  if (text(terminated, 'message')) return text(terminated, 'message');
  if (text(terminated, 'reason') === 'OOMKilled') return 'OOMKilled';
  const exitCode = typeof terminated.exitCode === 'number' ? terminated.exitCode : 0;
  return exitCode !== 0 ? `container ${JSON.stringify(text(container, 'name'))} failed with exit code ${exitCode}` : '';
}

function failedPodHealth(obj: KubeObject): Health {
  const message = text(obj, 'status', 'message');
  if (message) return health('Degraded', message);
  const containers = [...recordsAt(obj, 'status', 'initContainerStatuses'), ...recordsAt(obj, 'status', 'containerStatuses')];
  for (const container of containers) {
    const reason = terminatedMessage(container);
    if (reason) return health('Degraded', reason);
  }
  return health('Degraded');
}

function runningPodHealth(obj: KubeObject, policy: string): Health {
  const message = text(obj, 'status', 'message');
  if (policy === 'OnFailure' || policy === 'Never') return health('Progressing', message);
  if (policy !== 'Always') return health('Unknown', message);
  const ready = conditionsAt(obj).some((c) => c.type === 'Ready' && c.status === 'True');
  if (ready) return health('Healthy', message);
  const restarted = recordsAt(obj, 'status', 'containerStatuses').some((c) => isFields(field(c, 'lastState', 'terminated')));
  return health(restarted ? 'Degraded' : 'Progressing', message);
}

/** Health of a v1 Pod from its phase, readiness and container states. */
export function assessPod(obj: KubeObject): Health {
  const policy = effectiveRestartPolicy(obj);
  if (policy === 'Always') {
    const degraded = waitingOnError(obj);
    if (degraded) return degraded;
  }
  const message = text(obj, 'status', 'message');
  switch (text(obj, 'status', 'phase')) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
      return failedPodHealth(obj);
    case 'Running':
      return runningPodHealth(obj, policy);
    default:
      return health('Unknown', message);
  }
}
