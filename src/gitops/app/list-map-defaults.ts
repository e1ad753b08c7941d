import { cloneJson } from '../diff/json-value.js';
import type { KubeObject } from '../kube-object.js';

type Json = Record<string, unknown>;

function defaultProtocols(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) if (p && typeof p === 'object' && (p as Json).protocol === undefined) (p as Json).protocol = 'TCP';
}

function visitContainers(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(visitContainers);
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Json)) {
    if ((key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') && Array.isArray(child)) {
      for (const c of child) if (c && typeof c === 'object') defaultProtocols((c as Json).ports);
    } else visitContainers(child);
  }
}

/**
 * Fills in `protocol: TCP` where a port list's merge key needs it (Service ports, container
 * ports). The apiserver would default it anyway, but apiservers before 1.21 reject a
 * server-side apply whose list-map element lacks a key field that only defaulting would supply.
 */
export function defaultListMapKeys(obj: KubeObject): KubeObject {
  const copy = cloneJson(obj);
  if (copy.kind === 'Service' && (copy.apiVersion ?? '') === 'v1') defaultProtocols((copy.spec as Json | undefined)?.ports);
  visitContainers(copy.spec);
  return copy;
}
