import { InputError } from '../core/index.js';
import { createRepoStore } from '../git/index.js';
import { DEFAULT_BASE_PORT, dataLayout, defaultDataDir, readInstanceState } from '../local/index.js';
import type { CommandIO } from './io.js';

/** `gantry repo create|list|delete`: manages the bare repositories gantry hosts in its data directory. */
export async function runRepo(args: { action?: string; name?: string; dataDir?: string }, io: CommandIO): Promise<number> {
  const layout = dataLayout(args.dataDir ?? defaultDataDir(io.env));
  const store = createRepoStore({ root: layout.gitDir });
  const base = gitBaseUrl(layout);
  switch (args.action) {
    case 'create': {
      const repo = await store.create(requireName(args));
      io.out(`created ${repo.name}: clone with  git clone ${base}/git/${repo.name}.git\n(pushes authenticate with any user name and the token in ${layout.gitTokenFile})\n`);
      return 0;
    }
    case 'list': {
      const repos = await store.list();
      if (repos.length === 0) io.out('no repositories yet: gantry repo create <name>\n');
      for (const r of repos) io.out(`${r.name.padEnd(24)} ${(r.head ?? '(empty)').slice(0, 12).padEnd(12)} ${base}/git/${r.name}.git\n`);
      return 0;
    }
    case 'delete':
      await store.delete(requireName(args));
      io.out(`deleted ${args.name}\n`);
      return 0;
    default:
      throw new InputError('usage: gantry repo create|list|delete [name] [--data-dir DIR]');
  }
}

function requireName(args: { action?: string; name?: string }): string {
  if (!args.name) throw new InputError(`usage: gantry repo ${args.action} <name>`);
  return args.name;
}

function gitBaseUrl(layout: ReturnType<typeof dataLayout>): string {
  try {
    const url = readInstanceState(layout)?.git?.url;
    if (url) return url;
  } catch {
    // A corrupt state file only costs the URL hint.
  }
  return `http://127.0.0.1:${DEFAULT_BASE_PORT + 2}`;
}
