import { join } from 'node:path';
import { silentLogger, type Clock } from '../core/index.js';
import { createApplicationPreview, createSourceRenderer, renderResourceDiffs, type Application, type ApplicationPreview } from '../gitops/index.js';
import { createHelmRepositoryClient } from '../helmrepo/index.js';
import type { Cluster } from '../kube/index.js';
import { dataLayout, readInstanceState } from '../local/index.js';
import { cliGitReader } from './instance-access.js';
import type { CommandIO } from './io.js';

const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * The preview `gantry app diff` renders with: gantry's hosted repositories read from the data
 * directory, external ones fetched into a cache of the CLI's own (never the running instance's),
 * Helm charts likewise.
 */
export function previewFromDataDir(hub: Cluster, root: string, clock: Clock): ApplicationPreview {
  const layout = dataLayout(root);
  const reader = cliGitReader(layout, readInstanceState(layout), 'cli-git');
  const render = createSourceRenderer({ helmRepos: createHelmRepositoryClient({ cacheDir: join(root, 'cache', 'cli-helm'), log: silentLogger }) });
  return createApplicationPreview({ hub, reader, render, clock, log: silentLogger });
}

/** Colours a rendered diff as a terminal shows diffs: headers bold, removals red, additions green. */
export function colourDiff(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('===== ')) return `${BOLD}${line}${RESET}`;
      if (line.startsWith('-')) return `${RED}${line}${RESET}`;
      if (line.startsWith('+')) return `${GREEN}${line}${RESET}`;
      return line;
    })
    .join('\n');
}

/**
 * `gantry app diff`: what a sync would change, live against the server's prediction, Secret values
 * masked. Exits 1 when there are differences and 0 when none, as `argocd app diff` and diff(1) do.
 */
export async function diffApp(app: Application, o: { preview: ApplicationPreview; revision?: string; color?: boolean; io: CommandIO }): Promise<number> {
  const diffs = await o.preview.diff(app, o.revision ? { revision: o.revision } : {});
  const text = renderResourceDiffs(diffs);
  if (!text) {
    o.io.out(`${app.metadata.name} is in sync${o.revision ? ` with ${o.revision}` : ''}: no differences\n`);
    return 0;
  }
  const colour = o.color ?? (o.io.isTTY === true && !o.io.env.NO_COLOR);
  o.io.out(`${colour ? colourDiff(text) : text}\n`);
  return 1;
}
