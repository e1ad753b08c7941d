import type { IgnoreDifferences } from '../diff/ignore-differences.js';
import type { KubeObject } from '../kube-object.js';
import type { RepoCredentials } from './repo-credentials.js';
import type { ApplicationSource } from './types.js';

/** Reads sources at a commit: the Application controller's view of Git. */
export interface SourceReader {
  /** The commit a target revision (branch, tag, sha, HEAD) points at now. */
  resolveRevision(repoURL: string, targetRevision: string, credentials?: RepoCredentials): Promise<string>;
  /** Every file under `path` at `commit`, keyed by path relative to `path`. */
  readFiles(repoURL: string, commit: string, path: string, credentials?: RepoCredentials): Promise<Map<string, Buffer>>;
}

/** A source's files at one commit: any folder of its repository, keyed relative to that folder. */
export type SourceFiles = (path: string) => Promise<Map<string, Buffer>>;

/**
 * Turns a source into objects. It reads what it needs (a directory its path only, a kustomization
 * its whole repository, since overlays reach `../base`); it throws an InputError a person can act on.
 */
export type SourceRenderer = (source: ApplicationSource, files: SourceFiles, context: RenderContext) => Promise<RenderResult>;

/** What a renderer produced; `revision` when the source is versioned outside Git (a Helm repository chart's version). */
export interface RenderResult {
  sourceType: string;
  objects: KubeObject[];
  revision?: string;
}

/** What a renderer may know of the Application and its destination (Helm's release and capabilities). */
export interface RenderContext {
  appName: string;
  namespace: string;
  /** The destination's version and served API versions, from its discovery; asked for only when needed. */
  capabilities(): Promise<{ kubeVersion: string; apiVersions: string[] }>;
  /** Files from the app's other sources, keyed as a Helm valueFiles entry names them (`$values/env/prod.yaml`). */
  lentFiles?: ReadonlyMap<string, Buffer>;
  /** Basic-auth credentials of a chart source's Helm repository, from its repository secret. */
  helmCredentials?: { username: string; password: string };
}

/** Compares a server-predicted object with the live one, honouring the app's compiled ignoreDifferences. */
export type ObjectComparer = (predicted: KubeObject, live: KubeObject, ignore: IgnoreDifferences) => { modified: boolean };
