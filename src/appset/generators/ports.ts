/**
 * The ports generators read the world through, so the generators themselves take data: the Argo
 * CD namespace's Secrets, and a repository's directories and files at a revision.
 */
import type { KubeObject } from '../../kube/index.js';
import type { GeneratorSpec, ParamSet, TemplateMode } from '../types.js';

/** The Secrets of the Argo CD namespace (the clusters generator keeps the cluster ones). */
export interface ClusterSource {
  listClusterSecrets(): Promise<readonly KubeObject[]>;
}

/** A repository read as Argo CD's repo server answers GetDirectories and GetFiles. */
export interface RepoFiles {
  /** Every directory of the repository at `revision`, hidden ones (and their subtrees) left out. */
  directories(repoURL: string, revision: string): Promise<string[]>;
  /** The files `pattern` selects at `revision`, path to content. */
  files(repoURL: string, revision: string, pattern: string): Promise<Map<string, string>>;
}

/** The generator kinds gantry implements. */
export type GeneratorKind = 'list' | 'clusters' | 'git' | 'matrix' | 'merge';

/** One generator kind's parameter generation (the registry lets tests stand a mock in for one). */
export type GeneratorImpl = (generator: GeneratorSpec, ctx: GenerateContext) => Promise<ParamSet[]>;

/** What parameter generation needs. */
export interface GenerateContext {
  readonly mode: TemplateMode;
  /** spec.applyNestedSelectors: selectors of generators nested two levels deep apply. */
  readonly applyNestedSelectors?: boolean;
  readonly clusters: ClusterSource;
  readonly repos: RepoFiles;
  /** Implementations to use instead of the built-in ones. */
  readonly generators?: Partial<Record<GeneratorKind, GeneratorImpl>>;
}
