import type { KubeObject } from '../kube-object.js';
import { conditionsAt, messageOf, text } from './fields.js';
import { health, type Health } from './health-status.js';

/** Health of an Argo Workflow from status.phase, whatever its API version. */
export function assessWorkflow(obj: KubeObject): Health {
  const message = text(obj, 'status', 'message');
  switch (text(obj, 'status', 'phase')) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
    case 'Error':
      return health('Degraded', message);
    default:
      return health('Unknown', message);
  }
}

/** Health of an Argo CronWorkflow: spec or submission errors degrade it, otherwise Healthy. */
export function assessCronWorkflow(obj: KubeObject): Health {
  for (const condition of conditionsAt(obj)) {
    if (condition.status !== 'True') continue;
    if (condition.type === 'SpecError' || condition.type === 'SubmissionError') return health('Degraded', messageOf(condition));
    if (condition.type === 'Completed') return health('Healthy', messageOf(condition));
  }
  return health('Healthy', 'CronWorkflow is healthy.');
}
