import type { KubeObject } from '../../kube/index.js';

type Fields = Record<string, unknown> | undefined;

const sameRecord = (a: Fields, b: Fields): boolean => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a?.[k] === b?.[k]);
};

/**
 * Whether a live cluster secret already says exactly what `desired` says (type, data, labels and
 * annotations), so applying it again would change nothing and the write is skipped. Any label or
 * annotation the live one has beyond `desired` makes it not current: server-side apply may have a
 * field of ours to remove.
 */
export function isClusterSecretCurrent(live: KubeObject | undefined, desired: KubeObject): boolean {
  if (!live) return false;
  const l = live as KubeObject & { type?: string; data?: Record<string, string> };
  const d = desired as KubeObject & { type?: string; data?: Record<string, string> };
  return (
    (l.type ?? 'Opaque') === (d.type ?? 'Opaque') &&
    sameRecord(l.data, d.data) &&
    sameRecord(l.metadata.labels, d.metadata.labels) &&
    sameRecord(l.metadata.annotations, d.metadata.annotations)
  );
}
