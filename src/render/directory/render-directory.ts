import { InputError } from '../../core/index.js';
import { compileGlob, type Glob } from './glob.js';
import { objectProblem, parseManifestFile, type ParsedObject } from './manifest-file.js';

/** A Kubernetes object a renderer produced, and where it came from (file and 0-based document index). */
export interface RenderedManifest {
  object: Record<string, unknown>;
  source: {
    file: string;
    index: number;
    /** The 0-based position in the `items` of a List the object was taken out of. */
    item?: number;
  };
}

/** The `spec.source.directory` options of an Application (jsonnet aside). */
export interface DirectoryOptions {
  /** Also read files in subfolders (default: only the top level). */
  recurse?: boolean;
  /** A glob on the path relative to the source path: only matching files are read. */
  include?: string;
  /** A glob on the path relative to the source path: matching files are skipped; wins over include. */
  exclude?: string;
}

/** The file names Argo CD's directory source considers (jsonnet is recognised only to be refused). */
const MANIFEST_FILE = /\.(yaml|yml|json|jsonnet)$/;

/**
 * Renders a plain directory source as Argo CD does: the `.yaml`, `.yml` and `.json` files under the
 * source path (top level only unless `recurse`), filtered by `exclude` then `include` on their
 * relative paths, read in walk order, every document an object, List kinds flattened. `files` are
 * keyed by paths relative to the source path, `/`-separated. Throws InputError naming the file,
 * document and line of anything that cannot be rendered.
 */
export function renderDirectory(files: ReadonlyMap<string, Buffer>, options: DirectoryOptions = {}): RenderedManifest[] {
  const selected = selectManifestFiles([...files.keys()], options);
  const jsonnet = selected.find((file) => file.endsWith('.jsonnet'));
  if (jsonnet) {
    throw new InputError(`${jsonnet}: Jsonnet is not supported by gantry's directory renderer; exclude it with spec.source.directory.exclude`);
  }
  return selected.flatMap((file) => parseManifestFile(file, files.get(file) ?? Buffer.alloc(0)).flatMap((p) => flattenObject(file, p)));
}

/** The paths a directory source reads, in the order Argo CD's walk visits them. */
export function selectManifestFiles(paths: readonly string[], options: DirectoryOptions = {}): string[] {
  const include = compileOptional(options.include, 'include');
  const exclude = compileOptional(options.exclude, 'exclude');
  return paths
    .filter((path) => MANIFEST_FILE.test(baseName(path)))
    .filter((path) => options.recurse === true || !path.includes('/'))
    .filter((path) => !exclude?.matches(path))
    .filter((path) => !include || include.matches(path))
    .sort(compareWalkOrder);
}

function compileOptional(pattern: string | undefined, field: 'include' | 'exclude'): Glob | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  try {
    return compileGlob(pattern);
  } catch (error) {
    throw new InputError(`spec.source.directory.${field}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Orders paths folder by folder, as a walk of sorted directory entries visits them ("a/x" before "a-b"). */
export function compareWalkOrder(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * One object, or the items of a List (`kind: List` or any `*List` kind with `items`), each checked.
 * A List whose items are null renders nothing, as in Argo CD.
 */
function flattenObject(file: string, parsed: ParsedObject): RenderedManifest[] {
  const { object, index } = parsed;
  const kind = object.kind as string;
  const items = object.items;
  const single = [{ object, source: { file, index } }];
  if (!kind.endsWith('List')) return single;
  if (items === null) return 'spec' in object || 'status' in object ? single : [];
  if (!Array.isArray(items)) return single;
  return items.map((item: unknown, position) => {
    const problem = objectProblem(item);
    if (problem) throw new InputError(`${file}: document ${index + 1} (line ${parsed.line}), ${kind} item ${position + 1}: ${problem}`);
    return { object: item as Record<string, unknown>, source: { file, index, item: position } };
  });
}
