import type { KubeObject } from '../kube-object.js';
import { conditionsAt, messageOf } from './fields.js';
import { health, type Health } from './health-status.js';

/** Health of a batch/v1 Job from its Failed, Complete and Suspended conditions. */
export function assessJob(obj: KubeObject): Health {
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMessage = '';
  let message = '';
  for (const condition of conditionsAt(obj)) {
    if (condition.type === 'Failed') {
      failed = true;
      complete = true;
      failMessage = messageOf(condition);
    } else if (condition.type === 'Complete') {
      complete = true;
      message = messageOf(condition);
    } else if (condition.type === 'Suspended') {
      complete = true;
      message = messageOf(condition);
      suspended = suspended || condition.status === 'True';
    }
  }
  if (!complete) return health('Progressing', message);
  if (failed) return health('Degraded', failMessage);
  return health(suspended ? 'Suspended' : 'Healthy', message);
}
