import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, silentLogger, type Clock } from '../core/index.js';
import { repositoryIdentity, sameRepository, type GitReader } from '../git/index.js';
import { compareWithDiff, createSourceRenderer, formatPlan, planApplications } from '../gitops/index.js';
import { createHelmRepositoryClient } from '../helmrepo/index.js';
import { dataLayout, defaultDataDir } from '../local/index.js';
import { cliGitReader, connectHub, recordedInstance } from './instance-access.js';
import type { CommandIO } from './io.js';

const USAGE = 'usage: gantry plan REPO REVISION [--data-dir DIR]   (REPO: a hosted repository name or a repository URL)';

/**
 * `gantry plan REPO REVISION`: what REVISION (a branch, tag or commit, pushed but perhaps not
 * merged) of REPO would change in every Application that uses REPO, on the hub and every
 * destination cluster, without applying anything. Exit 0 when every app could be planned, 1 otherwise.
 */
export async function runPlan(args: string[], io: CommandIO, clock: Clock): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, allowPositionals: true, strict: true });
  const [repo, revision] = positionals;
  if (!repo || !revision || positionals.length > 2) throw new InputError(USAGE);
  const layout = dataLayout(values['data-dir'] ?? defaultDataDir(io.env));
  const instance = recordedInstance(layout);
  // A reader of its own (separate mirror cache, so it never races the running instance's fetches).
  const reader = cliGitReader(layout, instance.state, 'git-plan');
  const repoMatches = repositoryMatcher(repo, reader);
  const hub = await connectHub(instance, clock);
  try {
    const helmRepos = createHelmRepositoryClient({ cacheDir: join(layout.root, 'cache', 'helm-plan'), log: silentLogger });
    const plans = await planApplications({ hub, reader, render: createSourceRenderer({ helmRepos }), compare: compareWithDiff, repoMatches, revision, clock });
    io.out(formatPlan(plans, { repo, revision }));
    return plans.some((p) => p.error) ? 1 : 0;
  } finally {
    hub.close();
    await reader.close();
  }
}

/** A hosted repository by name (`apps`), or any repository by URL (compared without .git, trailing slash or host case). */
export function repositoryMatcher(repo: string, reader: Pick<GitReader, 'isHosted'>): (repoURL: string) => boolean {
  if (/^[a-z0-9][a-z0-9._-]*$/i.test(repo)) {
    const suffix = `/git/${repo.toLowerCase()}`;
    return (url) => reader.isHosted(url) && repositoryIdentity(url).endsWith(suffix);
  }
  return (url) => sameRepository(url, repo);
}
