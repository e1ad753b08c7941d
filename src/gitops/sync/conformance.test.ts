import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../kube-object.js';
import { buildSyncTasks, type ManagedResource, type TaskResult } from './build-tasks.js';
import { helmHookTypesOf, helmHookWeight, hookTypesOf, isHelmHook, isHook, isSkipped, type SyncPhase } from './hooks.js';
import { syncPhasesOf, waveOf } from './phases.js';
import { isMultiStep, planSyncStep } from './plan-sync.js';
import { sortTasks, sortTasksWithDependencies } from './sort-tasks.js';
import { taskObject, taskWave, type SyncTask } from './sync-task.js';

// Runs gantry's sync ordering over gitops-engine's sync tests, transcribed as data (see the corpus README).
// Compiled, this file runs from dist/src/gitops/sync/, so the repository root is four levels up.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = join(repoRoot, '..', 'shared', 'conformance', 'sync-order');

type Json = Record<string, unknown>;
type Check = (c: Json) => string[];

function readJsonl(file: string): Json[] {
  return readFileSync(join(corpus, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Json);
}

function same(label: string, got: unknown, want: unknown): string[] {
  return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${label}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`];
}

function sameUnordered(label: string, got: readonly string[], want: readonly string[]): string[] {
  return same(label, [...got].sort(), [...want].sort());
}

const HOOK_EXPECTATIONS: Readonly<Record<string, (obj: KubeObject, want: unknown) => string[]>> = {
  isHook: (o, w) => same('isHook', isHook(o), w),
  skip: (o, w) => same('skip', isSkipped(o), w),
  hookTypes: (o, w) => same('hookTypes', hookTypesOf(o), w),
  hookTypesUnordered: (o, w) => sameUnordered('hookTypes', hookTypesOf(o), w as string[]),
  syncPhases: (o, w) => same('syncPhases', syncPhasesOf(o), w),
  syncPhasesUnordered: (o, w) => sameUnordered('syncPhases', syncPhasesOf(o), w as string[]),
  wave: (o, w) => same('wave', waveOf(o), w),
  helmTypes: (o, w) => same('helmTypes', helmHookTypesOf(o), w),
  helmIsHook: (o, w) => same('helmIsHook', isHelmHook(o), w),
  helmWeight: (o, w) => same('helmWeight', helmHookWeight(o), w),
};

const checkHook: Check = (c) =>
  Object.entries(c.expected as Json).flatMap(([key, want]) => {
    const check = HOOK_EXPECTATIONS[key];
    return check ? check(c.obj as KubeObject, want) : [`unknown expectation ${key}`];
  });

type IdTask = SyncTask & { id: string };

function toTasks(raw: unknown): IdTask[] {
  return (raw as Json[]).map((t) => ({
    id: String(t.id),
    phase: ((t.phase as string | undefined) || 'Sync') as SyncPhase,
    target: t.targetObj as KubeObject | undefined,
    live: t.liveObj as KubeObject | undefined,
  }));
}

function nameOf(task: SyncTask): string {
  return taskObject(task).metadata?.name ?? '';
}

const checkSort: Check = (c) => {
  const tasks = toTasks(c.tasks);
  const sorted = (c.op === 'sortWithDeps' ? sortTasksWithDependencies(tasks) : sortTasks(tasks)) as IdTask[];
  const problems = same('order', sorted.map((t) => t.id), c.expectedOrder);
  for (const [id, want] of Object.entries((c.expectedAfter as Json | undefined) ?? {})) {
    const task = sorted.find((t) => t.id === id);
    problems.push(...same(`${id} after`, task && { wave: taskWave(task), phase: task.phase }, want));
  }
  if (c.expectedNamed) problems.push(...same('named', sorted.filter((t) => nameOf(t)).map((t) => t.id), c.expectedNamed));
  if (c.expectedUnnamed) problems.push(...same('unnamed', sorted.filter((t) => !nameOf(t)).map((t) => t.id), c.expectedUnnamed));
  return problems;
};

const checkMultiStep: Check = (c) => {
  const tasks = toTasks(c.tasks);
  const first = tasks[0] as SyncTask;
  const last = tasks[tasks.length - 1] as SyncTask;
  const got = { phase: first.phase, wave: taskWave(first), lastPhase: last.phase, lastWave: taskWave(last), multiStep: isMultiStep(tasks) };
  return Object.entries(c.expected as Json).flatMap(([key, want]) => same(key, got[key as keyof typeof got], want));
};

function buildFromCase(c: Json, resources: ManagedResource[], results: TaskResult[] = []): SyncTask[] {
  return buildSyncTasks({
    resources,
    hooks: (c.hooks as KubeObject[] | undefined) ?? [],
    namespace: (c.syncNamespace as string | undefined) ?? 'fake-argocd-ns',
    revision: (c.revision as string | undefined) ?? 'FooBarBaz',
    startedAtSeconds: 1_700_000_000,
    pruneLast: c.pruneLast === true,
    autoCreateNamespace: c.autoCreateNamespace === true,
    results,
  });
}

function resourcesOf(c: Json): ManagedResource[] {
  return ((c.resources as Json[] | undefined) ?? []).map((r) => ({
    live: (r.live as KubeObject | null) ?? undefined,
    target: (r.target as KubeObject | null) ?? undefined,
  }));
}

function isAutoNamespaceTask(task: SyncTask, namespace: string): boolean {
  return task.phase === 'PreSync' && task.target?.kind === 'Namespace' && task.target.metadata?.name === namespace;
}

const SYNC_TASK_EXPECTATIONS: Readonly<Record<string, (tasks: SyncTask[], want: unknown, c: Json) => string[]>> = {
  taskCount: (t, w) => same('taskCount', t.length, w),
  waves: (t, w) => Object.entries(w as Json).flatMap(([name, wave]) => same(`wave of ${name}`, t.filter((x) => nameOf(x) === name).map(taskWave)[0], wave)),
  lastWave: (t, w) => same('lastWave', t.length > 0 ? taskWave(t[t.length - 1] as SyncTask) : 0, w),
  taskNameContains: (t, w) => (w as string[]).flatMap((part) => (t.some((x) => nameOf(x).includes(part)) ? [] : [`no task name contains ${part}`])),
  taskNames: (t, w) => sameUnordered('taskNames', t.map(nameOf), w as string[]),
  taskNamespaces: (t, w) =>
    Array.isArray(w)
      ? sameUnordered('taskNamespaces', t.map((x) => taskObject(x).metadata?.namespace ?? ''), w as string[])
      : Object.entries(w as Json).flatMap(([name, ns]) => same(`namespace of ${name}`, t.find((x) => nameOf(x) === name)?.target?.metadata?.namespace, ns)),
  hasAutoCreatedNamespaceTask: (t, w, c) => same('autoNamespaceTask', t.some((x) => isAutoNamespaceTask(x, String(c.syncNamespace))), w),
};

const checkSyncTasks: Check = (c) => {
  const tasks = buildFromCase(c, resourcesOf(c));
  return Object.entries(c.expected as Json).flatMap(([key, want]) => {
    const check = SYNC_TASK_EXPECTATIONS[key];
    return check ? check(tasks, want, c) : [`unknown expectation ${key}`];
  });
};

function resultOf(task: SyncTask, status: TaskResult['status'], operationState: TaskResult['operationState']): TaskResult {
  const obj = taskObject(task);
  const group = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion ?? '').split('/')[0] ?? '' : '';
  return { group, kind: obj.kind ?? '', namespace: obj.metadata?.namespace ?? '', name: nameOf(task), phase: task.phase, status, operationState };
}

interface Simulation {
  pruneOrder: string[];
  waits: string[];
  /** The sync-wave hook's calls: one per wave run. */
  calls: Array<{ phase: string; wave: number; final: boolean }>;
  phase: string;
}

function markDeleted(resources: ManagedResource[], task: SyncTask): ManagedResource[] {
  return resources.map((r) => (r.live === task.live && !r.target ? { live: { ...r.live, metadata: { ...r.live?.metadata, deletionTimestamp: 'now' } } } : r));
}

/**
 * Drives planSyncStep against a simulated cluster: applied objects become healthy by the next
 * step, pruned objects stay one step marked for deletion before they are gone.
 */
function simulateSync(c: Json): Simulation {
  let resources = resourcesOf(c);
  const results: TaskResult[] = [];
  const sim: Simulation = { pruneOrder: [], waits: [], calls: [], phase: 'Running' };
  for (let step = 0; step < 50 && sim.phase === 'Running'; step++) {
    const decision = planSyncStep(buildFromCase(c, resources, results));
    resources = resources.filter((r) => !(r.live?.metadata?.deletionTimestamp && !r.target));
    if (decision.action === 'wait') sim.waits.push(decision.message);
    if (decision.action === 'succeed') sim.phase = 'Succeeded';
    if (decision.action === 'fail') sim.phase = 'Failed';
    if (decision.action !== 'run') continue;
    sim.calls.push({ phase: decision.phase, wave: decision.wave, final: decision.final });
    for (const task of decision.run) {
      if (!task.target) sim.pruneOrder.push(nameOf(task));
      results.push(resultOf(task, task.target ? 'Synced' : 'Pruned', 'Succeeded'));
      if (!task.target) resources = markDeleted(resources, task);
    }
    if (decision.remaining.length === 0) sim.phase = 'Succeeded';
  }
  return sim;
}

function isCallList(value: unknown): value is Json[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && 'wave' in v && 'phase' in v);
}

/** Compares whatever the case expects of the simulation: prune order, final phase, wait messages, wave-hook calls. */
const checkExecution: Check = (c) => {
  const sim = simulateSync(c);
  const problems: string[] = [];
  for (const [key, want] of Object.entries(c.expected as Json)) {
    if (key === 'pruneOrder') problems.push(...same('pruneOrder', sim.pruneOrder, want));
    else if (key === 'finalPhase') problems.push(...same('finalPhase', sim.phase, want));
    else if (key.startsWith('waitMessage')) problems.push(...(sim.waits.includes(String(want)) ? [] : [`no wait message ${String(want)} in ${JSON.stringify(sim.waits)}`]));
    else if (isCallList(want)) problems.push(...same(key, sim.calls.map((call, i) => pick(call, want[i] ?? {})), want));
    else problems.push(`unknown expectation ${key}`);
  }
  return problems;
};

/** The call's fields that the expectation names, so optional fields need not be spelled out. */
function pick(call: Simulation['calls'][number], want: Json): Json {
  return Object.fromEntries(Object.keys(want).map((k) => [k, (call as unknown as Json)[k]]));
}

const FILES: ReadonlyArray<readonly [string, Check]> = [
  ['hooks.jsonl', checkHook],
  ['sort.jsonl', checkSort],
  ['multistep.jsonl', checkMultiStep],
  ['sync-tasks.jsonl', checkSyncTasks],
  ['execution.jsonl', checkExecution],
];

/** The pass rate this implementation reaches on the visible cases, rounded down; a drop below it is a regression. */
const FLOOR_RATE = 0.96;

test('sync-order conformance: gitops-engine sync vectors', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  let total = 0;
  const failures: string[] = [];
  for (const [file, check] of FILES) {
    for (const c of readJsonl(file)) {
      total++;
      let problems: string[];
      try {
        problems = check(c);
      } catch (error) {
        problems = [`threw ${(error as Error).message}`];
      }
      if (problems.length > 0) failures.push(`${file} ${String(c.name)}: ${problems.join('; ')}`);
    }
  }
  const passed = total - failures.length;
  console.log(`sync-order conformance: ${passed}/${total} passed`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  assert.ok(passed / total >= FLOOR_RATE, `${passed}/${total} passed, floor ${FLOOR_RATE}`);
});
