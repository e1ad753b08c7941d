import type { KubeObject } from '../kube-object.js';
import { annotationsOf } from '../kube-object.js';
import { parseInteger, SYNC_WAVE_ANNOTATION } from './annotations.js';
import { helmHookWeight, hookTypesOf, isHook, isSkipped, type SyncPhase } from './hooks.js';

/** The phases in run order; their index orders tasks. */
export const SYNC_PHASES: readonly SyncPhase[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];

/** A phase's position in the run order (PreSync -1, Sync 0, PostSync 1, SyncFail 2). */
export function phaseOrder(phase: SyncPhase): number {
  return SYNC_PHASES.indexOf(phase) - 1;
}

/**
 * The phases an object runs in: none when skipped, its hook phases when it is a hook (each
 * once, in run order), else just Sync.
 */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  const types = hookTypesOf(obj);
  return SYNC_PHASES.filter((phase) => types.includes(phase));
}

/** The object's sync wave: the sync-wave annotation if it is an integer, else the Helm hook weight, else 0. */
export function waveOf(obj: KubeObject): number {
  return parseInteger(annotationsOf(obj)[SYNC_WAVE_ANNOTATION]) ?? helmHookWeight(obj);
}
