/**
 * The clusters generator over Argo CD cluster Secrets (labelled
 * argocd.argoproj.io/secret-type=cluster in the Argo CD namespace): name, nameNormalized, server,
 * project and the Secret's labels and annotations as metadata.*, plus templated values. The local
 * cluster (in-cluster) has no Secret, hence no labels, so it is added only when the selector is
 * empty and no Secret already names its server.
 */
import { InputError } from '../../core/index.js';
import { IN_CLUSTER_SERVER, SECRET_TYPE_LABEL } from '../../fleet/index.js';
import type { KubeObject } from '../../kube/index.js';
import type { GeneratorSpec, ParamSet, TemplateMode } from '../types.js';
import { appendTemplatedValues, sanitizeName } from './params.js';
import { compileSelector, isEmptySelector } from './selector.js';

// The label that marks a Secret as an Argo CD cluster, and the in-cluster address: the fleet's, which writes those Secrets.
export { SECRET_TYPE_LABEL, IN_CLUSTER_SERVER };
/** The name Argo CD gives the cluster it runs in. */
export const IN_CLUSTER_NAME = 'in-cluster';

/** A decoded field of a Secret's data (base64) or stringData. */
export function secretField(secret: KubeObject, key: string): string | undefined {
  const data = secret['data'] as Record<string, string> | undefined;
  const raw = data?.[key];
  if (raw !== undefined) return Buffer.from(raw, 'base64').toString('utf8');
  return (secret['stringData'] as Record<string, string> | undefined)?.[key];
}

/** True for a Secret that registers an Argo CD cluster. */
export function isClusterSecret(secret: KubeObject): boolean {
  return secret.metadata.labels?.[SECRET_TYPE_LABEL] === 'cluster';
}

function secretParams(secret: KubeObject, mode: TemplateMode): ParamSet {
  const name = secretField(secret, 'name') ?? '';
  const params: ParamSet = { name, nameNormalized: sanitizeName(name), server: secretField(secret, 'server') ?? '', project: secretField(secret, 'project') ?? '' };
  const labels = secret.metadata.labels ?? {};
  const annotations = secret.metadata.annotations ?? {};
  if (mode.goTemplate) {
    const meta: Record<string, unknown> = {};
    if (Object.keys(labels).length > 0) meta['labels'] = { ...labels };
    if (Object.keys(annotations).length > 0) meta['annotations'] = { ...annotations };
    params['metadata'] = meta;
    return params;
  }
  for (const [k, v] of Object.entries(labels)) params[`metadata.labels.${k}`] = v;
  for (const [k, v] of Object.entries(annotations)) params[`metadata.annotations.${k}`] = v;
  return params;
}

function withValues(params: ParamSet, spec: NonNullable<GeneratorSpec['clusters']>, mode: TemplateMode): ParamSet {
  try {
    return appendTemplatedValues(spec.values, params, mode);
  } catch (error) {
    throw new InputError(`error appending templated values for cluster ${String(params['name'])}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Parameter sets of a clusters generator, given every Secret of the Argo CD namespace. In flat
 * mode (flatList) the result is one set `{ clusters: [...] }`.
 */
export function generateClusterParams(spec: NonNullable<GeneratorSpec['clusters']>, secrets: readonly KubeObject[], mode: TemplateMode): ParamSet[] {
  const selector = spec.selector ?? {};
  const matches = compileSelector({ ...selector, matchLabels: { ...(selector.matchLabels ?? {}), [SECRET_TYPE_LABEL]: 'cluster' } });
  const clusterSecrets = secrets.filter(isClusterSecret);
  const byName = new Map<string, KubeObject>();
  for (const s of [...clusterSecrets].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    if (matches(s.metadata.labels ?? {})) byName.set(secretField(s, 'name') ?? '', s);
  }
  const out: ParamSet[] = [];
  const hasLocalSecret = clusterSecrets.some((s) => secretField(s, 'server') === IN_CLUSTER_SERVER);
  if (!hasLocalSecret && isEmptySelector(selector)) {
    out.push(withValues({ name: IN_CLUSTER_NAME, nameNormalized: IN_CLUSTER_NAME, server: IN_CLUSTER_SERVER, project: '' }, spec, mode));
  }
  for (const secret of byName.values()) out.push(withValues(secretParams(secret, mode), spec, mode));
  return spec.flatList === true ? [{ clusters: out }] : out;
}
