import type { KubeObject } from '../kube-object.js';
import { conditionsAt, findCondition } from './fields.js';
import { health, type Health } from './health-status.js';

/** Health of an aggregated APIService from its Available condition. */
export function assessAPIService(obj: KubeObject): Health {
  const available = findCondition(conditionsAt(obj), 'Available');
  if (!available) return health('Progressing', 'Waiting to be processed');
  const message = `${available.reason ?? ''}: ${available.message ?? ''}`;
  return health(available.status === 'True' ? 'Healthy' : 'Progressing', message);
}
