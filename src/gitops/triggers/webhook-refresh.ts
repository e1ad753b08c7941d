import { messageOf, type Logger } from '../../core/index.js';
import { revisionMayMove, sameRepository, type WebhookPush } from '../../git/index.js';
import type { AppRefresher, AppSetRefresher, TriggerGit } from './ports.js';
import { appKey, gitSourcesOf } from './sources.js';

/**
 * Acts on a push a GitHub or GitLab webhook announced: finds the sources that use that repository
 * (URLs compared without scheme, port, user, `.git` or trailing slash, host case-insensitive) and
 * follow a revision the pushed ref may have moved, fetches each such repository once, then
 * refreshes those apps, and then the ApplicationSets whose git generators read the repository
 * (their generators resolve the revision again). Resolves with how many apps were refreshed.
 */
export async function refreshFromWebhook(push: WebhookPush, o: { git: TriggerGit; apps: AppRefresher; appsets?: AppSetRefresher; log: Logger }): Promise<number> {
  const matchesRepo = (url: string): boolean => push.repoUrls.some((pushed) => sameRepository(pushed, url));
  const affected = o.apps
    .applications()
    .flatMap(gitSourcesOf)
    .filter(({ source }) => matchesRepo(source.repoURL) && revisionMayMove(source.targetRevision, push));
  const repos = new Set(affected.map(({ source }) => source.repoURL));
  for (const repoURL of repos) {
    if (o.git.isHosted(repoURL)) continue;
    // A failed fetch still refreshes: the app's reconcile fetches again and shows the error if it persists.
    await o.git.fetch(repoURL).catch((error: unknown) => o.log.warn('webhook: fetch failed', { repo: repoURL, error: messageOf(error) }));
  }
  // By key: the watch cache may hold newer copies of these apps once the fetch is done.
  const apps = new Set(affected.map(({ app }) => appKey(app)));
  if (apps.size > 0) o.apps.refreshWhere((url) => repos.has(url), (source, app) => apps.has(appKey(app)) && matchesRepo(source.repoURL));
  o.appsets?.refreshWhere(matchesRepo);
  o.log.info('webhook refresh', { repo: push.repoUrls[0], ref: push.ref, apps: apps.size });
  return apps.size;
}
