/**
 * An in-memory file tree (paths relative to a repository root, seen as `/`) and a loader rooted
 * at one kustomization directory that enforces kustomize's load restrictions.
 */
import { posix } from 'node:path';
import { InputError, messageOf } from '../../core/index.js';
import type { JsonValue } from './json-value.js';
import type { KustomizeCache } from './kustomize-cache.js';
import { parseYamlDocuments } from './yaml-read.js';
import { SchemaChoice } from './openapi-schema.js';

/** `rootOnly` (kustomize's default) refuses files outside the kustomization's directory. */
export type LoadRestrictions = 'rootOnly' | 'none';

/**
 * Read-only view of a `Map<string, Buffer>` as a file system rooted at `/`, which also parses the
 * YAML it holds (through the caller's cache when the build was given one).
 */
export class MemoryFileSystem {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Set<string>(['/']);

  constructor(
    files: ReadonlyMap<string, Buffer>,
    private readonly cache?: KustomizeCache,
    /** Set for a remote repository's tree (its URL and ref): bases may not leave it. */
    readonly repository?: string,
  ) {
    for (const [path, content] of files) {
      const abs = toAbsolute(path);
      this.files.set(abs, content);
      for (let dir = posix.dirname(abs); dir !== '/'; dir = posix.dirname(dir)) this.dirs.add(dir);
    }
  }

  /** Another tree (a remote repository's files) sharing this one's parse cache. */
  withFiles(files: ReadonlyMap<string, Buffer>, repository: string): MemoryFileSystem {
    return new MemoryFileSystem(files, this.cache, repository);
  }

  /** True when a file exists at the absolute path. */
  isFile(path: string): boolean {
    return this.files.has(path);
  }

  /** True when some file lives under the absolute path. */
  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** The bytes of a file, or undefined when absent. */
  read(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  /** Parses YAML read from this tree (or written inline in a kustomization); `where` names it in errors. */
  parseYaml(text: string, where: string): JsonValue[] {
    return this.cache ? this.cache.parseDocuments(text, where) : parseYamlDocuments(text, where);
  }

  /** Every file below a directory, keyed by its path relative to it. */
  filesUnder(dir: string): Map<string, Buffer> {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const out = new Map<string, Buffer>();
    for (const [path, content] of this.files) if (path.startsWith(prefix)) out.set(path.slice(prefix.length), content);
    return out;
  }

  /** The files directly inside a directory, sorted by name. */
  listFiles(dir: string): string[] {
    const prefix = dir === '/' ? '/' : `${dir}/`;
    return [...this.files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).sort();
  }
}

/** Turns a relative or absolute path into a normalized absolute one. */
export function toAbsolute(path: string): string {
  const normalized = posix.normalize(`/${path}`);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** True when `path` is `dir` or below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

/** Loads files relative to one kustomization root, honouring the load restriction. */
export class Loader {
  constructor(
    readonly fs: MemoryFileSystem,
    readonly root: string,
    readonly restrictions: LoadRestrictions,
    /** The OpenAPI schema of the build, shared by all its loaders. */
    readonly schema: SchemaChoice = new SchemaChoice(),
  ) {}

  /** The absolute path of a path written in the kustomization. */
  resolve(relative: string): string {
    return toAbsolute(posix.resolve(this.root, relative));
  }

  /** The content of a file, checked against the load restriction. */
  load(relative: string): Buffer {
    const abs = this.resolve(relative);
    this.checkAllowed(abs);
    const content = this.fs.read(abs);
    if (content === undefined) {
      const reason = this.fs.isDir(abs) ? 'is a directory' : "doesn't exist";
      throw new InputError(`file '${abs}' ${reason}`);
    }
    return content;
  }

  /** load, with an error prefixed by the field that named the file (`/app/kustomization.yaml: patches[1].path`). */
  loadAs(relative: string, field: string): Buffer {
    try {
      return this.load(relative);
    } catch (error) {
      throw new InputError(`${field}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Parses YAML text read through this loader (or inline); `where` names it in errors. */
  parseYaml(text: string, where: string): JsonValue[] {
    return this.fs.parseYaml(text, where);
  }

  /** Throws when the restriction forbids reading the absolute path. */
  checkAllowed(abs: string): void {
    if (this.restrictions === 'rootOnly' && !isWithin(abs, this.root)) {
      throw new InputError(`security; file '${abs}' is not in or below '${this.root}'`);
    }
  }

  /** A loader for another kustomization directory. */
  forDirectory(dir: string): Loader {
    return new Loader(this.fs, dir, this.restrictions, this.schema);
  }
}
