/** The annotation Argo CD writes on every resource an Application manages. */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

/** Who tracks a resource, parsed from its tracking annotation. */
export interface TrackingId {
  appName: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The application part of a tracking id: the name for Applications in the control-plane
 * namespace, `<namespace>_<name>` for Applications in other namespaces (as Argo CD writes it).
 */
export function trackingAppName(app: { name: string; namespace: string }, controlNamespace: string): string {
  return app.namespace === controlNamespace ? app.name : `${app.namespace}_${app.name}`;
}

/** The tracking id value: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function formatTrackingId(id: TrackingId): string {
  return `${id.appName}:${id.group}/${id.kind}:${id.namespace}/${id.name}`;
}

/** Parses a tracking id, or undefined when it is not one. */
export function parseTrackingId(value: string | undefined): TrackingId | undefined {
  const match = /^([^:]+):([^/]*)\/([^:]+):([^/]*)\/(.+)$/.exec(value ?? '');
  if (!match) return undefined;
  const [, appName, group, kind, namespace, name] = match as unknown as string[];
  return { appName: appName ?? '', group: group ?? '', kind: kind ?? '', namespace: namespace ?? '', name: name ?? '' };
}

/**
 * Whether a live object belongs to this app: its tracking id names the app and matches the
 * object itself (a copied annotation on another object does not count).
 */
export function isTrackedBy(obj: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> } }, appName: string): boolean {
  const id = parseTrackingId(obj.metadata?.annotations?.[TRACKING_ANNOTATION]);
  if (!id || id.appName !== appName) return false;
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return id.kind === obj.kind && id.name === obj.metadata?.name && id.group === group && id.namespace === (obj.metadata?.namespace ?? '');
}
