import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConflictError, NotFoundError, withContext } from '../core/index.js';
import { GitCommandError, gitEnvironment, runGit, type GitEnv } from './git-command.js';
import { parseRefListing } from './ref-changes.js';
import { isValidRepoName, validateRepoName } from './repo-name.js';

/** A hosted bare repository; `head` is the commit HEAD points at, or null while it is empty. */
export interface RepoInfo {
  name: string;
  path: string;
  head: string | null;
}

/** The bare repositories gantry hosts, one `<root>/<name>.git` directory each. */
export interface RepoStore {
  /** The absolute folder holding the repositories (the git http-backend project root). */
  readonly root: string;
  /** Makes an empty bare repository with HEAD on refs/heads/main that accepts pushes over HTTP. */
  create(name: string): Promise<RepoInfo>;
  /** Every hosted repository, sorted by name. */
  list(): Promise<RepoInfo[]>;
  /** One repository; NotFoundError when absent. */
  get(name: string): Promise<RepoInfo>;
  /** Whether a repository of that name exists (false for names that could never be valid). */
  exists(name: string): Promise<boolean>;
  /** Removes a repository and all its history; NotFoundError when absent. */
  delete(name: string): Promise<void>;
  /** Where the repository of that name lives (or would live); InputError for an invalid name. */
  pathOf(name: string): string;
  /** Each ref's object id (a commit, or a tag object for annotated tags), keyed by full refname. */
  readRefs(name: string): Promise<Map<string, string>>;
}

/** Options for createRepoStore; `env` is the environment git runs in (default: this process's). */
export interface RepoStoreOptions {
  root: string;
  env?: GitEnv;
}

/** Creates a store of bare repositories under `root`, driving the git CLI for every change. */
export function createRepoStore(options: RepoStoreOptions): RepoStore {
  const root = resolve(options.root);
  const env = gitEnvironment(options.env ?? process.env);
  const git = (args: string[]): Promise<string> => runGit(args, { env });
  const pathOf = (name: string): string => {
    validateRepoName(name);
    return join(root, `${name}.git`);
  };
  const exists = (name: string): Promise<boolean> => (isValidRepoName(name) ? isRepository(pathOf(name)) : Promise.resolve(false));
  const requireRepo = async (name: string): Promise<string> => {
    const path = pathOf(name);
    if (!(await isRepository(path))) throw new NotFoundError(`no repository named ${JSON.stringify(name)} in ${root}`);
    return path;
  };
  const info = async (name: string, path: string): Promise<RepoInfo> => ({ name, path, head: await readHead(git, path) });
  return {
    root,
    create: async (name) => createRepository(git, pathOf(name), name, root),
    list: async () => Promise.all((await listNames(root)).map((name) => info(name, pathOf(name)))),
    get: async (name) => info(name, await requireRepo(name)),
    exists,
    delete: async (name) => rm(await requireRepo(name), { recursive: true, force: true }),
    pathOf,
    readRefs: async (name) => {
      const path = await requireRepo(name);
      return parseRefListing(await git([`--git-dir=${path}`, 'for-each-ref', '--format=%(objectname) %(refname)']));
    },
  };
}

type Git = (args: string[]) => Promise<string>;

async function createRepository(git: Git, path: string, name: string, root: string): Promise<RepoInfo> {
  await mkdir(root, { recursive: true });
  try {
    await mkdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw withContext(`create repository ${name}`, error);
    throw new ConflictError(`repository ${JSON.stringify(name)} already exists at ${path}: pick another name or delete it first`, {
      retryable: false,
    });
  }
  try {
    await git(['init', '--bare', '--quiet', path]);
    await git([`--git-dir=${path}`, 'symbolic-ref', 'HEAD', 'refs/heads/main']);
    await git([`--git-dir=${path}`, 'config', 'http.receivepack', 'true']);
  } catch (error) {
    await rm(path, { recursive: true, force: true });
    throw withContext(`create repository ${name}`, error);
  }
  return { name, path, head: null };
}

async function isRepository(path: string): Promise<boolean> {
  try {
    return (await stat(join(path, 'HEAD'))).isFile();
  } catch {
    return false;
  }
}

async function listNames(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw withContext(`list repositories in ${root}`, error);
  }
  const names = entries.filter((e) => e.isDirectory() && e.name.endsWith('.git')).map((e) => e.name.slice(0, -4));
  const valid = names.filter(isValidRepoName);
  const present = await Promise.all(valid.map((name) => isRepository(join(root, `${name}.git`))));
  return valid.filter((_, i) => present[i]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function readHead(git: Git, path: string): Promise<string | null> {
  try {
    return (await git([`--git-dir=${path}`, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
  } catch (error) {
    if (error instanceof GitCommandError && error.exitCode === 1) return null;
    throw withContext(`read HEAD of ${path}`, error);
  }
}
