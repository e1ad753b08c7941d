import type { KubeObject } from '../kube-object.js';
import { text } from './fields.js';
import { health, type Health } from './health-status.js';

/** Health of a PersistentVolumeClaim from its phase: Bound, Pending or Lost. */
export function assessPersistentVolumeClaim(obj: KubeObject): Health {
  switch (text(obj, 'status', 'phase')) {
    case 'Bound':
      return health('Healthy');
    case 'Pending':
      return health('Progressing');
    case 'Lost':
      return health('Degraded');
    default:
      return health('Unknown');
  }
}
