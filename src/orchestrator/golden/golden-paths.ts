/**
 * The golden paths gantry ships (WebApplication, Tenant, ToolPlatform): RGD YAML files beside
 * this code, loaded as objects, fitted to the cluster by discovery and installed on the hub.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { messageOf, type Logger } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { adaptToCluster, type ServedVersions } from './adapt.js';

/** Where the YAML lives in the repository (this file runs from dist/src/orchestrator/golden). */
const GOLDEN_DIR = fileURLToPath(new URL('../../../../src/orchestrator/golden/', import.meta.url));

/** Reads every shipped golden-path RGD. */
export function loadGoldenPaths(dir = GOLDEN_DIR): KubeObject[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')) as KubeObject);
}

/** What the cluster serves, from discovery: versions of a group's kind, the group's preferred version first. */
export async function servedVersionsOf(hub: Cluster): Promise<ServedVersions> {
  const resources = await hub.api.discovery.resources();
  const preferred = new Map<string, string | undefined>();
  for (const r of resources) if (!preferred.has(r.group)) preferred.set(r.group, await hub.api.discovery.preferredVersion(r.group));
  return (group, kind) => {
    const versions = resources.filter((r) => r.group === group && r.kind === kind).map((r) => r.version);
    // A preferred version that is older than another served one (autoscaling/v1 beside v2beta2) goes last: the templates use the newer shape.
    return versions.sort((a, b) => rankVersion(b) - rankVersion(a) || (b === preferred.get(group) ? 1 : 0) - (a === preferred.get(group) ? 1 : 0));
  };
}

/** Orders Kubernetes versions: v2 > v2beta2 > v2beta1 > v1 > v1beta1 > v1alpha1. */
export function rankVersion(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return Number(m[1]) * 1000 + stage * 100 + Number(m[3] ?? 0);
}

/** Installs (server-side applies) every golden path, fitted to the hub; logs and skips one that fails. */
export async function installGoldenPaths(hub: Cluster, log: Logger): Promise<string[]> {
  const served = await servedVersionsOf(hub);
  const installed: string[] = [];
  for (const shipped of loadGoldenPaths()) {
    const { rgd, changes } = adaptToCluster(shipped, served);
    try {
      await hub.api.apply(rgd);
      installed.push(rgd.metadata.name ?? '');
      log.info('golden path installed', { rgd: rgd.metadata.name, changes: changes.join('; ') || 'none' });
    } catch (error) {
      log.warn('golden path not installed', { rgd: rgd.metadata.name, error: messageOf(error) });
    }
  }
  return installed;
}
