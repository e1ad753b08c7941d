/**
 * helmrepo: charts from Helm HTTP repositories. Reads a repository's index.yaml, picks a chart
 * version (exact, or the highest one a semver constraint allows, as Helm does), downloads the
 * .tgz with optional basic-auth credentials, checks it against the index digest, keeps it in a
 * disk cache and unpacks it into the file tree that render's renderHelmChart takes. It does I/O,
 * so it sits beside the pure render module and hands it plain data.
 */
export { createHelmRepositoryClient } from './helm-repository-client.js';
export type { ChartRequest, FetchedChart, HelmRepositoryClient, HelmRepositoryClientOptions, RepositoryCredentials } from './helm-repository-client.js';
export { compareVersions, parseRepositoryIndex, selectChartVersion } from './repository-index.js';
export type { ChartVersionEntry, RepositoryIndex } from './repository-index.js';
