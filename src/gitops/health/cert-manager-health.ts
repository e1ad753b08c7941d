import type { KubeObject } from '../kube-object.js';
import { conditionCheck } from './condition-check.js';
import { conditionsAt, messageOf } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

const certificateReady = conditionCheck({ type: 'Ready', waiting: 'Waiting for certificate' });

/** Health of a cert-manager Certificate: issuing wins, then the Ready condition. */
export function assessCertificate(obj: KubeObject): Health {
  const issuing = conditionsAt(obj).find((c) => c.type === 'Issuing' && c.status === 'True');
  return issuing ? health('Progressing', messageOf(issuing)) : certificateReady(obj);
}

/** Health of a cert-manager Issuer from its Ready condition. */
export const assessIssuer: HealthCheck = conditionCheck({ type: 'Ready', waiting: 'Initializing issuer' });

/** Health of a cert-manager ClusterIssuer from its Ready condition. */
export const assessClusterIssuer: HealthCheck = conditionCheck({ type: 'Ready', waiting: 'Initializing ClusterIssuer' });
