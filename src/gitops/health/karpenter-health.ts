import type { KubeObject } from '../kube-object.js';
import { conditionCheck, firstFalse } from './condition-check.js';
import { conditionsAt, hasCondition, messageOf, numberAt } from './fields.js';
import { health, type Health, type HealthCheck } from './health-status.js';

/** The furthest lifecycle step a NodeClaim reached while not yet Ready, newest first. */
const NODE_CLAIM_STEPS: ReadonlyArray<readonly [string, string]> = [
  ['Initialized', 'Node initialized, waiting for Ready'],
  ['Registered', 'Node registered, waiting for initialization'],
  ['Launched', 'Node launched, waiting for registration'],
];

/** Health of a Karpenter NodeClaim: disruption suspends it, Ready decides, else its furthest step. */
export function assessNodeClaim(obj: KubeObject): Health {
  const generation = numberAt(obj, 'metadata', 'generation');
  const observed = numberAt(obj, 'status', 'observedGeneration');
  if (generation !== undefined && observed !== undefined && generation !== observed) {
    return health('Progressing', 'Waiting for NodeClaim spec to be reconciled');
  }
  const conditions = conditionsAt(obj);
  const disrupting = conditions.find((c) => c.type === 'Disrupting' && c.status === 'True');
  if (disrupting) return health('Suspended', messageOf(disrupting));
  const ready = conditions.find((c) => c.type === 'Ready' && (c.status === 'True' || c.status === 'False'));
  if (ready) return health(ready.status === 'True' ? 'Healthy' : 'Degraded', messageOf(ready));
  const step = NODE_CLAIM_STEPS.find(([type]) => hasCondition(conditions, type, 'True'));
  return health('Progressing', step ? step[1] : 'Waiting for NodeClaim to be launched');
}

/** Health of a Karpenter NodePool from Ready, then NodeClassReady. */
export const assessNodePool: HealthCheck = conditionCheck({
  type: 'Ready',
  waiting: 'Waiting for NodePool to be ready',
  fallback: (conditions) => firstFalse(conditions, ['NodeClassReady']),
});

/** Health of a Karpenter EC2NodeClass from Ready, then its subnet, security group and validation conditions. */
export const assessEC2NodeClass: HealthCheck = conditionCheck({
  type: 'Ready',
  waiting: 'Waiting for EC2NodeClass to be ready',
  healthyMessage: 'EC2NodeClass is ready',
  fallback: (conditions) => firstFalse(conditions, ['SubnetsReady', 'SecurityGroupsReady', 'ValidationSucceeded']),
});
