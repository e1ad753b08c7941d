/**
 * Loaders for remote targets: a remote repository's files (fetched before the build) seen as a
 * tree of their own, rooted at the kustomization inside it, with the same load restrictions as
 * a local kustomization and kustomize's refusal of a repository that includes itself.
 */
import { posix } from 'node:path';
import { InputError } from '../../core/index.js';
import { Loader, toAbsolute } from './file-system.js';
import type { RemoteResources } from './remote-sources.js';
import type { RemoteTarget } from './remote-url.js';

/** True when `path`, taken from the directory `root`, leads above the root of its tree. */
export function escapesTree(root: string, path: string): boolean {
  if (posix.isAbsolute(path)) return false;
  const joined = posix.normalize(posix.join(root.replace(/^\/+/, ''), path));
  return joined === '..' || joined.startsWith('../');
}

/** The loader of a remote target's kustomization root; throws naming the target when it cannot be built. */
export function remoteLoader(parent: Loader, target: RemoteTarget, o: { remote: RemoteResources | undefined; chain: readonly string[] }): Loader {
  if (o.chain.includes(target.raw)) throw new InputError(`cycle detected: remote target '${target.raw}' includes itself`);
  if (o.remote === undefined) throw new InputError(`remote target '${target.raw}' needs its repository fetched, and this build was given no remote sources`);
  const files = o.remote.repository(target.repoURL, target.ref);
  const at = `${target.repoURL}${target.ref === '' ? '' : ` at ${target.ref}`}`;
  if (files === undefined) throw new InputError(`remote target '${target.raw}': repository ${at} was not fetched before the build`);
  const fs = parent.fs.withFiles(files, at);
  const root = toAbsolute(target.path);
  if (!fs.isDir(root)) throw new InputError(`remote target '${target.raw}': no directory '${target.path}' in ${at}`);
  return new Loader(fs, root, parent.restrictions, parent.schema);
}
