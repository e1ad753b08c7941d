import { messageOf, type Clock, type Logger } from '../../core/index.js';
import type { Runnable } from '../../runtime/index.js';
import type { AppRefresher, TriggerGit } from './ports.js';
import { appKey, externalRevisions, gitSourcesOf, nextPollDelayMs, revisionKey, sourceMoved } from './sources.js';

/** What createRepoPoller needs. */
export interface RepoPollerOptions {
  git: TriggerGit;
  apps: AppRefresher;
  /** The time between polls (Argo CD's default is 180 s); each wait is spread by up to ±10%. */
  intervalMs: number;
  clock: Clock;
  log: Logger;
  /** A number in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
}

/** Polls external repositories; `pollOnce` runs one round now (for tests and benchmarks). */
export interface RepoPoller extends Runnable {
  pollOnce(): Promise<{ repos: number; refreshed: number }>;
}

/**
 * Creates the poller for repositories gantry does not host (hosted ones announce their pushes).
 * Each round fetches every external repository the Applications use once, re-resolves the
 * revisions they follow, and refreshes only the apps whose commit moved, so an unchanged app is
 * neither rendered nor compared. A repository that cannot be fetched is logged and skipped; its
 * apps keep their state and show the error on their own next reconcile.
 */
export function createRepoPoller(o: RepoPollerOptions): RepoPoller {
  const log = o.log.child({ component: 'repo-poller' });
  const random = o.random ?? Math.random;
  const abort = new AbortController();
  let loop: Promise<void> | undefined;

  const pollOnce = async (): Promise<{ repos: number; refreshed: number }> => {
    const repos = externalRevisions(o.apps.applications(), (url) => o.git.isHosted(url));
    const resolved = new Map<string, string>();
    for (const [repoURL, revisions] of repos) await pollRepo({ git: o.git, log, repoURL, revisions, resolved });
    const moved = new Set<string>();
    for (const tracked of o.apps.applications().flatMap(gitSourcesOf)) {
      if (sourceMoved(tracked, resolved)) moved.add(appKey(tracked.app));
    }
    if (moved.size > 0) {
      log.info('external revisions moved', { apps: moved.size });
      o.apps.refreshWhere((url) => repos.has(url), (_source, app) => moved.has(appKey(app)));
    }
    return { repos: repos.size, refreshed: moved.size };
  };

  const run = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      try {
        await o.clock.sleep(nextPollDelayMs(o.intervalMs, random()), signal);
      } catch {
        return;
      }
      await pollOnce().catch((error: unknown) => log.error('poll failed', { error: messageOf(error) }));
    }
  };

  return {
    name: 'repo-poller',
    start(signal) {
      signal.addEventListener('abort', () => abort.abort(), { once: true });
      loop = run(abort.signal);
    },
    async stop() {
      abort.abort();
      await loop;
    },
    pollOnce,
  };
}

async function pollRepo(o: { git: TriggerGit; log: Logger; repoURL: string; revisions: Set<string>; resolved: Map<string, string> }): Promise<void> {
  try {
    await o.git.fetch(o.repoURL);
  } catch (error) {
    o.log.warn('poll: fetch failed', { repo: o.repoURL, error: messageOf(error) });
    return;
  }
  for (const revision of o.revisions) {
    try {
      o.resolved.set(revisionKey(o.repoURL, revision), await o.git.resolveRevision(o.repoURL, revision));
    } catch (error) {
      o.log.debug('poll: revision not resolved', { repo: o.repoURL, revision, error: messageOf(error) });
    }
  }
}
