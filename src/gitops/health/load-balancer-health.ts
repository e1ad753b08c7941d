import type { KubeObject } from '../kube-object.js';
import { listAt, text } from './fields.js';
import { health, type Health } from './health-status.js';

function hasLoadBalancerIngress(obj: KubeObject): boolean {
  return (listAt(obj, 'status', 'loadBalancer', 'ingress') ?? []).length > 0;
}

/** Health of a v1 Service: a LoadBalancer is Progressing until it has an address, others are Healthy. */
export function assessService(obj: KubeObject): Health {
  if (text(obj, 'spec', 'type') !== 'LoadBalancer') return health('Healthy');
  return health(hasLoadBalancerIngress(obj) ? 'Healthy' : 'Progressing');
}

/** Health of an Ingress: Progressing until its load balancer reports an address. */
export function assessIngress(obj: KubeObject): Health {
  return health(hasLoadBalancerIngress(obj) ? 'Healthy' : 'Progressing');
}
