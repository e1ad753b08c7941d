/**
 * Carries out a planned step: server-side applies the objects (all at once: the plan only lists
 * objects whose dependencies are ready) and deletes the pruned ones. An object whose live copy is
 * still exactly the one the last apply of the same content returned is not applied again.
 */
import { createHash } from 'node:crypto';
import { isRetryable, messageOf, type Logger } from '../../core/index.js';
import type { KubeApi, KubeObject } from '../../kube/index.js';
import type { ActionFailure } from './instance-status.js';
import type { InstanceStep } from './plan-step.js';

/** Remembers, per object, the content last applied and the resourceVersion the apply returned. */
export interface AppliedCache {
  get(key: string): { hash: string; resourceVersion?: string } | undefined;
  set(key: string, value: { hash: string; resourceVersion?: string }): void;
  delete(key: string): void;
}

/** Creates an applied cache (a plain map; one entry per child). */
export function createAppliedCache(): AppliedCache {
  return new Map<string, { hash: string; resourceVersion?: string }>();
}

const keyOf = (o: KubeObject): string => `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;
const target = (o: KubeObject): { apiVersion: string; kind: string; namespace?: string; name: string } => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });

/** A failed action, with whether trying again may help. */
export interface StepFailure extends ActionFailure {
  retryable: boolean;
}

/** Applies and prunes what the step says; returns the failures (the step goes on past them). */
export async function actOnStep(step: InstanceStep, o: { api: KubeApi; applied: AppliedCache; observed: Map<string, KubeObject[]>; log: Logger }): Promise<StepFailure[]> {
  const liveVersions = new Map<string, string | undefined>();
  for (const list of o.observed.values()) for (const obj of list) liveVersions.set(keyOf(obj), obj.metadata.resourceVersion);
  const failures: StepFailure[] = [];
  const applies = step.apply.map(async ({ id, object }) => {
    const key = keyOf(object);
    const hash = createHash('sha1').update(JSON.stringify(object)).digest('hex');
    const last = o.applied.get(key);
    if (last && last.hash === hash && last.resourceVersion !== undefined && last.resourceVersion === liveVersions.get(key)) return;
    try {
      const result = await o.api.apply(object);
      o.applied.set(key, { hash, resourceVersion: result.metadata?.resourceVersion });
    } catch (error) {
      o.applied.delete(key);
      failures.push({ id, message: `apply ${object.kind} ${object.metadata.name}: ${messageOf(error)}`, retryable: isRetryable(error) });
    }
  });
  const prunes = step.prune.map(async (object) => {
    try {
      await o.api.delete(target(object), { propagationPolicy: 'Background' });
      o.applied.delete(keyOf(object));
      o.log.info('pruned', { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
    } catch (error) {
      failures.push({ id: object.metadata.annotations?.['kro.run/node'] ?? object.kind, message: `prune ${object.kind} ${object.metadata.name}: ${messageOf(error)}`, retryable: isRetryable(error) });
    }
  });
  await Promise.all([...applies, ...prunes]);
  return failures;
}
