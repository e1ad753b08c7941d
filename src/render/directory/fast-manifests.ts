import { FAILSAFE_SCHEMA, load, Type, type Schema } from 'js-yaml';
import { isScalar, Schema as YamlSchema, type Tags } from 'yaml';

/** One object of a manifest file as the fast reader found it (the same shape parseManifestFile returns). */
export interface FastObject {
  object: Record<string, unknown>;
  index: number;
  line: number;
}

/**
 * Text the fast reader leaves to the full YAML reader: anchors, aliases, tags, directives,
 * document-end markers, explicit keys, merge keys, null keys (which the two readers name
 * differently) and tabs. Each is valid YAML whose finer points
 * (alias limits, go-yaml's tags, merge order) the full reader implements; the check is
 * deliberately coarse (a `*` inside a quoted string also sends a file to the full reader), since
 * a false alarm costs only speed.
 */
const NEEDS_FULL_READER = /(?:^|[\s:[{,-])[&*!]|<<|^%|^\.\.\.(?:\s|$)|^\s*\?(?:\s|$)|\t|(?:^\s*(?:-\s+)?|[{,]\s*)(?:~|[Nn]ull|NULL)?\s*:(?:\s|$)/m;

/** A `---` marker line: the marker alone, or followed by a comment. */
const MARKER = /^---(?:\s+#.*|\s*)$/;
const MARKER_START = /^---(?:\s|$)/;

/**
 * Builds a js-yaml schema whose plain scalars resolve exactly as the yaml package's YAML 1.1
 * schema with `tags` does: each of its implicit scalar tags becomes a js-yaml type that tests with
 * the tag's own pattern and builds the value with the tag's own resolver, in the same order.
 */
export function schemaFromYamlTags(customTags: (tags: Tags) => Tags): Schema {
  const tags = new YamlSchema({ schema: 'yaml-1.1', customTags }).tags;
  const implicit: Type[] = [];
  tags.forEach((tag, i) => {
    const test = 'test' in tag ? tag.test : undefined;
    if (tag.default !== true || !test || !tag.resolve) return;
    const resolveScalar = tag.resolve as (value: string, onError: (message: string) => void, options: object) => unknown;
    implicit.push(
      new Type(`tag:gantry.io,fast-yaml:${i}`, {
        kind: 'scalar',
        resolve: (data: string | null) => data !== null && test.test(data),
        construct: (data: string) => {
          // Some tags answer with a Scalar node (booleans do), others with the value itself.
          const value = resolveScalar(data, fail, {});
          return isScalar(value) ? value.value : value;
        },
      }),
    );
  });
  return FAILSAFE_SCHEMA.extend({ implicit });
}

function fail(message: string): never {
  throw new Error(message);
}

interface Chunk {
  text: string;
  /** The 1-based line of the chunk's first content line, or undefined when it holds none. */
  contentLine: number | undefined;
}

/** Splits the text at `---` lines; undefined when a marker carries content the fast reader does not handle. */
function splitDocuments(text: string): Chunk[] | undefined {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let contentLine: number | undefined;
  let started = false;
  const close = (): void => {
    // Text before the first marker is a document only when it holds content (the yaml package's rule).
    if (started || contentLine !== undefined) chunks.push({ text: current.join('\n'), contentLine });
  };
  for (const [i, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (MARKER_START.test(line)) {
      if (!MARKER.test(line)) return undefined;
      close();
      started = true;
      current = [];
      contentLine = undefined;
      continue;
    }
    current.push(line);
    if (contentLine === undefined && !/^\s*(?:#.*)?$/.test(line)) contentLine = i + 1;
  }
  close();
  return chunks;
}

/** Reads one chunk; undefined when it is not a plain Kubernetes-like object (the full reader then says why). */
function readChunk(chunk: Chunk, schema: Schema): Record<string, unknown> | null | undefined {
  if (chunk.contentLine === undefined) return null;
  let value: unknown;
  try {
    value = load(chunk.text, { schema, json: true });
  } catch {
    return undefined;
  }
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  return typeof object.apiVersion === 'string' && object.apiVersion !== '' && typeof object.kind === 'string' && object.kind !== '' ? object : undefined;
}

/**
 * Reads the objects of a YAML manifest file with js-yaml (about ten times faster than the full
 * reader), or returns undefined when the file needs the full reader: it uses a construct the fast
 * path leaves out (see NEEDS_FULL_READER), fails to parse, or holds a document that is not an
 * object with apiVersion and kind. For every file it accepts, the result equals the full
 * reader's (values, document indexes and lines); a test holds the two to that on every manifest
 * in the shared corpora.
 */
export function readManifestsFast(text: string, schema: Schema): FastObject[] | undefined {
  if (NEEDS_FULL_READER.test(text)) return undefined;
  const chunks = splitDocuments(text);
  if (!chunks) return undefined;
  const objects: FastObject[] = [];
  for (const [index, chunk] of chunks.entries()) {
    const object = readChunk(chunk, schema);
    if (object === undefined) return undefined;
    if (object !== null) objects.push({ object, index, line: chunk.contentLine ?? 1 });
  }
  return objects;
}
