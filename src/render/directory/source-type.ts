/** How a source path is rendered, with Argo CD's names. */
export type SourceType = 'Helm' | 'Kustomize' | 'Directory';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Detects the source type as Argo CD does when the Application names none: among the files
 * directly in `path` (default: the map's root), a name ending in `Chart.yaml` means Helm and a
 * kustomization file means Kustomize; when both occur the one later in name order wins, as in
 * Argo CD's directory walk (so `kustomization.yaml` beats `Chart.yaml`). Anything else is a
 * Directory. Only the keys of `files` are read.
 */
export function detectSourceType(files: ReadonlyMap<string, unknown>, path = ''): SourceType {
  const prefix = normalizeFolder(path);
  const names = [...files.keys()]
    .filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
    .map((key) => key.slice(prefix.length))
    .sort();
  let type: SourceType = 'Directory';
  for (const name of names) {
    if (name.endsWith('Chart.yaml')) type = 'Helm';
    if (KUSTOMIZATION_NAMES.has(name)) type = 'Kustomize';
  }
  return type;
}

function normalizeFolder(path: string): string {
  const trimmed = path.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}
