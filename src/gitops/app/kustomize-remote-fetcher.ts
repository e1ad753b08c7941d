import { withContext } from '../../core/index.js';
import type { HelmRepositoryClient } from '../../helmrepo/index.js';
import type { ChartPull, RemoteFetcher, RemoteTarget } from '../../render/index.js';
import type { SourceReader } from './ports.js';

/**
 * Kustomize's remote targets and chart pulls, fetched as the Application's own source is: git
 * repositories (hosted or external) through the same reader, hence the same credentials and
 * mirrors, and charts through the Helm repository client.
 */
export function createKustomizeRemoteFetcher(o: { reader: SourceReader; helmRepos?: HelmRepositoryClient }): RemoteFetcher {
  return {
    async fetchRepository(target: RemoteTarget): Promise<ReadonlyMap<string, Buffer>> {
      const ref = target.ref || 'HEAD';
      const commit = await o.reader.resolveRevision(target.repoURL, ref);
      return o.reader.readFiles(target.repoURL, commit, '.').catch((e: unknown) => {
        throw withContext(`read ${target.repoURL} at ${commit.slice(0, 7)}`, e);
      });
    },
    async fetchChart(pull: ChartPull): Promise<ReadonlyMap<string, Buffer>> {
      if (!o.helmRepos) throw new Error(`helmCharts ${pull.name}: Helm repositories are not configured in this gantry`);
      const fetched = await o.helmRepos.fetchChart({ repoURL: pull.repo, chart: pull.name, version: pull.version || '*' });
      return fetched.files;
    },
  };
}
