import { InputError, NotFoundError, withContext } from '../../core/index.js';
import type { Cluster } from '../../kube/index.js';
import type { ScopedObject } from './desired.js';
import type { SourceReader, SourceRenderer } from './ports.js';
import type { RenderCache } from './render-cache.js';
import { renderSource } from './render-source.js';
import { combineObjects, isRefOnly, refSourceIndex, refValueFiles } from './sources.js';
import type { ApplicationSource } from './types.js';

/** Every source of an app rendered at one revision each, and the objects combined. */
export interface RenderedSources {
  /** One per source, in order (a Helm repository chart's is its chart version). */
  revisions: string[];
  /** One per source, in order; a ref-only source counts as a Directory that renders nothing. */
  sourceTypes: string[];
  objects: ScopedObject[];
  /** Resources more than one source produced (the last source's was kept), for a RepeatedResourceWarning. */
  repeated: string[];
}

/** What rendering an app's sources needs. */
export interface RenderSourcesInput {
  reader: SourceReader;
  render: SourceRenderer;
  sources: ApplicationSource[];
  /** Revisions a running sync pinned, per source (undefined: resolve the target revision now). */
  pinned: (string | undefined)[];
  cluster: Cluster;
  cache?: RenderCache;
  appName: string;
  namespace: string;
}

/**
 * Renders each source at its revision and combines the objects as Argo CD does for
 * `spec.sources`: a ref-only source renders nothing and lends its files to the Helm sources whose
 * value files say `$ref/...`; the last source producing a resource wins.
 */
export async function renderSources(o: RenderSourcesInput): Promise<RenderedSources> {
  const revisions = await Promise.all(o.sources.map((s, i) => o.pinned[i] ?? resolveTarget(o.reader, s)));
  const rendered = await Promise.all(
    o.sources.map(async (source, i) => {
      if (isRefOnly(source)) return { revision: revisions[i] ?? '', sourceType: 'Directory', objects: [] as ScopedObject[] };
      const lent = await lentFiles(o, source, revisions);
      return renderSource({ reader: o.reader, render: o.render, source, revision: revisions[i] as string, cluster: o.cluster, cache: o.cache, appName: o.appName, namespace: o.namespace, ...(lent ? { lent } : {}) });
    }),
  );
  const combined = combineObjects(rendered.map((r) => r.objects), o.namespace);
  return { revisions: rendered.map((r) => r.revision), sourceTypes: rendered.map((r) => r.sourceType), objects: combined.objects, repeated: combined.repeated };
}

function resolveTarget(reader: SourceReader, source: ApplicationSource): Promise<string> | string {
  const target = source.targetRevision ?? 'HEAD';
  // A chart from a Helm repository is versioned by the chart: its target is resolved against the repository's index.
  return source.chart ? target : reader.resolveRevision(source.repoURL, target);
}

/** The `$ref/path` value files of a Helm source, read from the referenced sources at their revisions. */
async function lentFiles(o: RenderSourcesInput, source: ApplicationSource, revisions: string[]): Promise<{ files: Map<string, Buffer>; key: string } | undefined> {
  const wanted = refValueFiles(source);
  if (wanted.length === 0) return undefined;
  const ignoreMissing = (source.helm as { ignoreMissingValueFiles?: boolean } | undefined)?.ignoreMissingValueFiles === true;
  const files = new Map<string, Buffer>();
  const used = new Set<number>();
  for (const w of wanted) {
    const index = refSourceIndex(o.sources, w.ref, w.entry);
    used.add(index);
    const ref = o.sources[index] as ApplicationSource;
    const revision = revisions[index] ?? '';
    const slash = w.path.lastIndexOf('/');
    const folder = slash < 0 ? '.' : w.path.slice(0, slash);
    const folderFiles = await o.reader.readFiles(ref.repoURL, revision, folder).catch((e: unknown) => {
      if (ignoreMissing && e instanceof NotFoundError) return new Map<string, Buffer>();
      throw withContext(`read value file ${w.entry} from ${ref.repoURL} at ${revision.slice(0, 7)}`, e);
    });
    const data = folderFiles.get(w.path.slice(slash + 1));
    if (data) files.set(w.entry, data);
    else if (!ignoreMissing) throw new InputError(`helm.valueFiles ${w.entry}: ${w.path} not found in ${ref.repoURL} at ${revision.slice(0, 7)}`);
  }
  return { files, key: [...used].map((i) => `${o.sources[i]?.ref}@${revisions[i]}`).join(',') };
}
