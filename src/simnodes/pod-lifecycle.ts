import type { KubeObject } from '../kube/index.js';

/** A container image ending in this marker fails to start on a simulated node (CrashLoopBackOff). */
export const FAIL_MARKER = ':sim-fail';

/** A pod annotation that delays readiness by this many milliseconds (overrides readinessProbe delays). */
export const READY_DELAY_ANNOTATION = 'gantry.io/sim-ready-after-ms';

/** A pod annotation with how long a run-to-completion pod runs before it succeeds (default 1000 ms). */
export const RUN_DURATION_ANNOTATION = 'gantry.io/sim-run-ms';

/** What the simulated kubelet does next for one pod. */
export type PodAction =
  | { kind: 'none' }
  | { kind: 'bind'; node: string }
  | { kind: 'delete' }
  | { kind: 'wait'; requeueAfterMs: number }
  | { kind: 'status'; status: Record<string, unknown>; requeueAfterMs?: number };

/** What the decision needs besides the pod. */
export interface PodContext {
  nodes: { name: string; labels: Record<string, string>; ip: string }[];
  now: number;
}

interface Container {
  name: string;
  image?: string;
  readinessProbe?: { initialDelaySeconds?: number };
}
interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  schedulerName?: string;
}
interface PodStatus {
  phase?: string;
  startTime?: string;
  conditions?: { type: string; status: string }[];
}

const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Decides the next step of a pod's simulated life, as a scheduler and kubelet together would: bind a
 * pending pod to a matching node, report it Running (Ready after its delay), fail it when an image
 * carries the failure marker, complete run-to-completion pods, and remove pods being deleted.
 */
export function planPod(pod: KubeObject, ctx: PodContext): PodAction {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as PodStatus;
  const node = ctx.nodes.find((n) => n.name === spec.nodeName);
  if (!spec.nodeName) return pod.metadata.deletionTimestamp ? { kind: 'none' } : planBinding(pod, spec, ctx);
  if (!node) return { kind: 'none' };
  if (pod.metadata.deletionTimestamp) return { kind: 'delete' };
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return { kind: 'none' };
  return planStatus(pod, spec, status, { ...ctx, nodeIp: node.ip });
}

function planBinding(pod: KubeObject, spec: PodSpec, ctx: PodContext): PodAction {
  if (spec.schedulerName && spec.schedulerName !== 'default-scheduler') return { kind: 'none' };
  const selector = Object.entries(spec.nodeSelector ?? {});
  const fits = ctx.nodes.filter((n) => selector.every(([k, v]) => n.labels[k] === v));
  if (fits.length === 0) return { kind: 'none' };
  const name = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  return { kind: 'bind', node: (fits[hashOf(name) % fits.length] as { name: string }).name };
}

function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * When the pod started. startTime is stored to the whole second, so a new pod starts at the next
 * whole second: rounding down would shorten every delay counted from it by up to a second.
 */
function startTimeOf(status: PodStatus, now: number): number {
  return status.startTime ? Date.parse(status.startTime) : Math.ceil(now / 1000) * 1000;
}

function readyDelayMs(pod: KubeObject, containers: Container[]): number {
  const annotated = Number(pod.metadata.annotations?.[READY_DELAY_ANNOTATION]);
  if (Number.isFinite(annotated) && annotated >= 0) return annotated;
  return Math.max(0, ...containers.map((c) => (c.readinessProbe?.initialDelaySeconds ?? 0) * 1000));
}

function planStatus(pod: KubeObject, spec: PodSpec, status: PodStatus, ctx: PodContext & { nodeIp: string }): PodAction {
  const containers = spec.containers ?? [];
  const started = startTimeOf(status, ctx.now);
  const failing = containers.filter((c) => c.image?.endsWith(FAIL_MARKER)).map((c) => c.name);
  if ((spec.restartPolicy ?? 'Always') !== 'Always') return planCompletion({ pod, containers, failing, started, ctx }, status);
  const readyAt = started + readyDelayMs(pod, containers);
  const ready = failing.length === 0 && ctx.now >= readyAt;
  const next = buildStatus({ pod, containers, phase: 'Running', ready, failing, started, ctx });
  return changed(status, next, !ready && failing.length === 0 ? readyAt - ctx.now : undefined);
}

/** Run-to-completion pods (Jobs, hooks) run for their duration, then succeed, or fail with the marker. */
function planCompletion(input: Omit<StatusInput, 'phase' | 'ready'>, status: PodStatus): PodAction {
  const runMs = Number(input.pod.metadata.annotations?.[RUN_DURATION_ANNOTATION] ?? 1000);
  const doneAt = input.started + (Number.isFinite(runMs) ? runMs : 1000);
  const phase = input.ctx.now < doneAt ? 'Running' : input.failing.length > 0 ? 'Failed' : 'Succeeded';
  const next = buildStatus({ ...input, phase, ready: false });
  return changed(status, next, phase === 'Running' ? doneAt - input.ctx.now : undefined);
}

function changed(current: PodStatus, next: Record<string, unknown>, requeueAfterMs?: number): PodAction {
  const same =
    current.phase === next.phase &&
    JSON.stringify(current.conditions?.map((c) => [c.type, c.status])) ===
      JSON.stringify((next.conditions as { type: string; status: string }[]).map((c) => [c.type, c.status]));
  const after = requeueAfterMs === undefined ? undefined : Math.max(requeueAfterMs, 10);
  if (same) return after === undefined ? { kind: 'none' } : { kind: 'wait', requeueAfterMs: after };
  return { kind: 'status', status: next, ...(after === undefined ? {} : { requeueAfterMs: after }) };
}

interface StatusInput {
  pod: KubeObject;
  containers: Container[];
  phase: string;
  ready: boolean;
  failing: string[];
  started: number;
  ctx: PodContext & { nodeIp: string };
}

function buildStatus(input: StatusInput): Record<string, unknown> {
  const { phase, ready, started, ctx } = input;
  const startIso = iso(started);
  const cond = (type: string, ok: boolean): Record<string, unknown> => ({
    type,
    status: ok ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: startIso,
    ...(ok ? {} : { reason: phase === 'Running' ? 'ContainersNotReady' : 'PodCompleted' }),
  });
  return {
    phase,
    hostIP: ctx.nodeIp,
    podIP: podIpOf(input.pod),
    podIPs: [{ ip: podIpOf(input.pod) }],
    startTime: startIso,
    qosClass: 'BestEffort',
    conditions: [cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
    containerStatuses: input.containers.map((c) => containerStatus(c, input)),
  };
}

function containerStatus(c: Container, input: StatusInput): Record<string, unknown> {
  const failing = input.failing.includes(c.name);
  const base = { name: c.name, image: c.image ?? '', imageID: `sim://${c.image ?? ''}`, containerID: `sim://${c.name}` };
  const startedAt = iso(input.started);
  if (input.phase === 'Succeeded' || input.phase === 'Failed') {
    const exitCode = failing ? 1 : 0;
    const reason = failing ? 'Error' : 'Completed';
    return { ...base, ready: false, started: false, restartCount: 0, state: { terminated: { exitCode, reason, startedAt, finishedAt: iso(input.ctx.now) } } };
  }
  if (failing) {
    const message = `simulated failure: image ${c.image ?? ''} ends in ${FAIL_MARKER}`;
    return { ...base, ready: false, started: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff', message } } };
  }
  return { ...base, ready: input.ready, started: true, restartCount: 0, state: { running: { startedAt } } };
}

function podIpOf(pod: KubeObject): string {
  const h = hashOf(pod.metadata.uid ?? pod.metadata.name ?? '');
  return `10.244.${(h >>> 8) % 256}.${(h % 253) + 2}`;
}
