import { InputError } from '../../core/index.js';
import type { GitReader } from '../../git/index.js';
import type { Cluster, Informer } from '../../kube/index.js';
import type { SourceReader, SourceRenderer } from './ports.js';
import { describeRepoSecretProblems, parseRepoSecret, selectRepoSecret, type RepoCredentialEntry, type RepoCredentials } from './repo-credentials.js';
import { readRepoServerTrust, serverTrustFor, type RepoServerTrust } from './repo-trust.js';

/** The credentials for a repository URL, from the Argo CD repository secrets of the control namespace. */
export type CredentialLookup = (repoURL: string) => Promise<RepoCredentials | undefined>;

/**
 * What a repository URL gets from repository secrets and the trust ConfigMaps (pure): the
 * selected secret's credentials with the server's CA or the SSH known hosts added; undefined when
 * there is nothing to add. A selected secret with fields gantry cannot honour is an InputError
 * naming them, so the Application shows why instead of fetching without them.
 */
export function resolveRepoAccess(repoURL: string, entries: readonly RepoCredentialEntry[], trust: RepoServerTrust): RepoCredentials | undefined {
  const entry = selectRepoSecret(repoURL, entries);
  if (entry?.problems?.length) throw new InputError(describeRepoSecretProblems(entry, repoURL));
  const access = { ...serverTrustFor(repoURL, trust), ...entry?.credentials };
  return Object.keys(access).length > 0 ? access : undefined;
}

/**
 * Watches the control namespace's repository secrets and credential templates (labelled
 * `argocd.argoproj.io/secret-type: repository` or `repo-creds`) and its ConfigMaps (for
 * argocd-tls-certs-cm and argocd-ssh-known-hosts-cm), and answers what a URL gets. A changed
 * secret or ConfigMap counts from the next lookup; values are never logged.
 */
export function createCredentialLookup(hub: Cluster, controlNamespace: string): CredentialLookup {
  let secretInformer: Promise<Informer> | undefined;
  let configMapInformer: Promise<Informer> | undefined;
  const secrets = (): Promise<Informer> =>
    (secretInformer ??= hub.cache.informer('v1', 'Secret', { namespace: controlNamespace, labelSelector: 'argocd.argoproj.io/secret-type in (repository,repo-creds)' }));
  const configMaps = (): Promise<Informer> => (configMapInformer ??= hub.cache.informer('v1', 'ConfigMap', { namespace: controlNamespace }));
  return async (repoURL) => {
    const entries = (await secrets()).list().map((s) => parseRepoSecret(s as never)).filter((e): e is RepoCredentialEntry => e !== undefined);
    const trust = readRepoServerTrust((await configMaps()).list() as never);
    return resolveRepoAccess(repoURL, entries, trust);
  };
}

/** A reader that passes each repository's credentials to the one it wraps (Git over HTTPS or SSH). */
export function readerWithCredentials(reader: SourceReader, lookup: CredentialLookup): SourceReader {
  return {
    resolveRevision: async (repoURL, targetRevision) => reader.resolveRevision(repoURL, targetRevision, await lookup(repoURL)),
    readFiles: async (repoURL, commit, path) => reader.readFiles(repoURL, commit, path, await lookup(repoURL)),
  };
}

/**
 * The whole GitReader with each repository's credentials from the lookup, for the callers that
 * have none of their own (the repo poller, the webhook refresh, ApplicationSet git generators);
 * credentials a caller does pass win.
 */
export function gitReaderWithCredentials(reader: GitReader, lookup: CredentialLookup): GitReader {
  const credentialsOf = async (repoURL: string, given: RepoCredentials | undefined): Promise<RepoCredentials | undefined> =>
    given ?? (reader.isHosted(repoURL) ? undefined : await lookup(repoURL));
  return {
    resolveRevision: async (repoURL, targetRevision, credentials) => reader.resolveRevision(repoURL, targetRevision, await credentialsOf(repoURL, credentials)),
    readFiles: async (repoURL, commit, path, credentials) => reader.readFiles(repoURL, commit, path, await credentialsOf(repoURL, credentials)),
    fetch: async (repoURL, credentials) => reader.fetch(repoURL, await credentialsOf(repoURL, credentials)),
    isHosted: (repoURL) => reader.isHosted(repoURL),
    close: () => reader.close(),
  };
}

/** A renderer that gives a chart source its Helm repository's basic-auth credentials. */
export function rendererWithCredentials(render: SourceRenderer, lookup: CredentialLookup): SourceRenderer {
  return async (source, files, context) => {
    if (!source.chart) return render(source, files, context);
    const c = await lookup(source.repoURL);
    const helmCredentials = c?.password !== undefined ? { username: c.username ?? '', password: c.password } : undefined;
    return render(source, files, { ...context, ...(helmCredentials ? { helmCredentials } : {}) });
  };
}
