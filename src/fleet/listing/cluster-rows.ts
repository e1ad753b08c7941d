import type { KubeObject } from '../../kube/index.js';
import { connectionStatusOf, type ConnectionStatus } from '../connection/connection-status.js';
import { FLEET_MANAGED_LABEL, REGISTRATION_ANNOTATION, SECRET_TYPE_LABEL } from '../registration/cluster-secret.js';
import type { RegistrationReport } from '../store/registration-store.js';

/** One cluster as `gantry cluster list` shows it. */
export interface ClusterRow {
  name: string;
  server: string;
  labels: Record<string, string>;
  /** The registration it came from, or undefined for a cluster secret written by hand. */
  registration?: string;
  connection?: ConnectionStatus;
}

/** A registration that did not become a cluster (Invalid or Pending), with why. */
export interface RegistrationIssue {
  registration: string;
  report: RegistrationReport;
}

const HIDDEN_LABELS = new Set([SECRET_TYPE_LABEL, FLEET_MANAGED_LABEL, 'app.kubernetes.io/managed-by']);
const FIRST_LABELS = ['environment', 'cluster-type', 'tenant'];

const text = (secret: KubeObject, key: string): string => Buffer.from((secret.data as Record<string, string> | undefined)?.[key] ?? '', 'base64').toString('utf8');

/** The rows of the cluster secrets, each with its connection status ConfigMap (matched by owner). */
export function clusterRows(secrets: KubeObject[], connections: KubeObject[]): ClusterRow[] {
  const byOwner = new Map(connections.map((c) => [c.metadata.ownerReferences?.[0]?.name ?? '', c]));
  return secrets
    .map((s) => {
      const registration = s.metadata.annotations?.[REGISTRATION_ANNOTATION];
      const connection = connectionStatusOf(byOwner.get(s.metadata.name ?? ''));
      return {
        name: text(s, 'name') || text(s, 'server'),
        server: text(s, 'server'),
        labels: s.metadata.labels ?? {},
        ...(registration ? { registration } : {}),
        ...(connection ? { connection } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A few labels (environment, cluster-type, tenant first), and how many more there are. */
export function summarizeLabels(labels: Record<string, string>, max = 3): string {
  const keys = Object.keys(labels).filter((k) => !HIDDEN_LABELS.has(k));
  const ordered = [...FIRST_LABELS.filter((k) => keys.includes(k)), ...keys.filter((k) => !FIRST_LABELS.includes(k)).sort()];
  const shown = ordered.slice(0, max).map((k) => `${k}=${labels[k] ?? ''}`);
  const more = ordered.length - shown.length;
  return [...shown, ...(more > 0 ? [`+${more}`] : [])].join(',') || '-';
}

/** "12s ago", "5m ago", "3h ago", "2d ago", or "never". */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86_400)}d ago`;
}

/** The table `gantry cluster list` prints, then the registrations that did not become clusters. */
export function formatClusterTable(rows: ClusterRow[], issues: RegistrationIssue[], now: number): string {
  const widths = { name: 20, server: 32, labels: 44, state: 11, version: 10 };
  const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s.padEnd(n + 1));
  const header = `${pad('NAME', widths.name)}${pad('SERVER', widths.server)}${pad('LABELS', widths.labels)}${pad('CONNECTION', widths.state)}${pad('VERSION', widths.version)}LAST CONTACT`;
  const lines = [header];
  for (const r of rows) {
    const c = r.connection;
    const state = c ? c.state : r.registration ? 'Unknown' : 'Unchecked';
    const line = `${pad(r.name, widths.name)}${pad(r.server, widths.server)}${pad(summarizeLabels(r.labels), widths.labels)}${pad(state, widths.state)}${pad(c?.serverVersion ?? '-', widths.version)}${formatAge(c?.lastContact, now)}`;
    lines.push(line);
    if (c && c.state !== 'Successful') lines.push(`  ${c.message}`);
  }
  if (rows.some((r) => !r.registration)) lines.push('', 'Clusters without a registration come from cluster secrets written by hand; gantry does not check them.');
  if (issues.length) {
    lines.push('', 'Registrations not applied:');
    for (const i of issues) lines.push(`  ${i.registration}: ${i.report.state}: ${i.report.message}`);
  }
  return `${lines.join('\n')}\n`;
}
