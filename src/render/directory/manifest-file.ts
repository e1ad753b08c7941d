import { LineCounter, parseAllDocuments, type Document, type Tags } from 'yaml';
import { InputError } from '../../core/index.js';
import { readManifestsFast, schemaFromYamlTags } from './fast-manifests.js';

/** One object read from a manifest file: its document index (0-based) and the line it starts on. */
export interface ParsedObject {
  object: Record<string, unknown>;
  index: number;
  line: number;
}

/** What Argo CD writes in a file it should leave alone (a Helm values file that looks like a manifest, say). */
export const SKIP_FILE_MARKER = '+argocd:skip-file-rendering';

/**
 * Tags that Kubernetes' YAML reader (go-yaml v2 through sigs.k8s.io/yaml) does not turn into
 * values: it keeps timestamps and base-60 numbers as strings and has no sets or ordered maps.
 */
const GO_YAML_UNSUPPORTED = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:set', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs']);

export function goYamlTags(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || (!GO_YAML_UNSUPPORTED.has(tag.tag) && tag.format !== 'TIME'));
}

/**
 * YAML 1.1, as Kubernetes reads manifests: yes/no/on/off/y/n are booleans, 0777 is octal, `<<`
 * merges, a repeated key keeps its last value.
 */
const YAML_OPTIONS = { version: '1.1', customTags: goYamlTags, uniqueKeys: false, logLevel: 'error', merge: true } as const;

/** The fast reader's schema: the same YAML 1.1 scalar resolution as YAML_OPTIONS. */
const FAST_SCHEMA = schemaFromYamlTags(goYamlTags);

/** A document that cannot become a manifest object, and where it starts. */
interface Problem {
  line: number;
  message: string;
}

/**
 * Reads the manifest objects of one `.yaml`, `.yml` or `.json` file. Like Argo CD, a YAML file
 * whose first document is not an object is skipped as "some other YAML file" unless it contains
 * `apiVersion:`, `kind:` and `metadata:`; any later bad document is an error. Throws InputError
 * naming the file, the document and the line.
 */
export function parseManifestFile(file: string, content: Buffer): ParsedObject[] {
  const text = decodeText(content);
  if (text.includes(SKIP_FILE_MARKER)) return [];
  return file.endsWith('.json') ? [parseJsonFile(file, text)] : parseYamlFile(file, text);
}

/** Text of a file as Argo CD reads it: UTF-8, or UTF-16 when a byte-order mark says so. */
function decodeText(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return content.subarray(2).toString('utf16le');
  if (content[0] === 0xfe && content[1] === 0xff) return Buffer.from(content.subarray(2)).swap16().toString('utf16le');
  const text = content.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function parseJsonFile(file: string, text: string): ParsedObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    const line = jsonErrorLine(text);
    throw new InputError(`${file}: invalid JSON${line === undefined ? '' : ` at line ${line}`}: ${message}`);
  }
  const problem = objectProblem(value);
  if (problem) throw new InputError(`${file}: ${problem}`);
  return { object: value as Record<string, unknown>, index: 0, line: 1 };
}

/** Where a JSON syntax error is, found by the YAML parser (JSON.parse in Node 20 reports no position). */
function jsonErrorLine(text: string): number | undefined {
  const docs = parseAllDocuments(text, { schema: 'json', logLevel: 'silent' });
  for (const doc of docs) {
    const line = doc.errors[0]?.linePos?.[0].line;
    if (line !== undefined) return line;
  }
  return undefined;
}

function parseYamlFile(file: string, text: string): ParsedObject[] {
  return readManifestsFast(text, FAST_SCHEMA) ?? parseYamlDocuments(file, text);
}

/**
 * The full reader: every YAML construct, and the errors that name the document and line. Files
 * the fast reader accepts give the same objects here (exported for the test that holds them to it).
 */
export function parseYamlDocuments(file: string, text: string): ParsedObject[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: lines });
  const objects: ParsedObject[] = [];
  for (const [index, doc] of docs.entries()) {
    const line = lines.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const read = readDocument(doc, line);
    if (read === null) continue;
    if ('object' in read) {
      objects.push({ object: read.object, index, line });
      continue;
    }
    if (objects.length === 0 && !looksLikeManifest(text)) return [];
    throw new InputError(`${file}: document ${index + 1} of ${docs.length} (line ${read.line}): ${read.message}`);
  }
  return objects;
}

/** The object of a document, null for an empty one (only comments, or `null`), or what is wrong with it. */
function readDocument(doc: Document.Parsed, line: number): { object: Record<string, unknown> } | Problem | null {
  const error = doc.errors[0];
  if (error) return { line: error.linePos?.[0].line ?? line, message: `invalid YAML: ${firstLine(error.message)}` };
  if (doc.contents === null) return null;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { line, message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (value === null || value === undefined) return null;
  const problem = objectProblem(value);
  return problem ? { line, message: problem } : { object: value as Record<string, unknown> };
}

/** The yaml package's first message line without its own " at line L, column C:" suffix. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Argo CD's test for "this unparsable file was meant to be a manifest". */
function looksLikeManifest(text: string): boolean {
  return text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');
}

/** Why a value cannot be a Kubernetes object, or undefined when it can. */
export function objectProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a Kubernetes object (a mapping with apiVersion and kind), found ${describe(value)}`;
  }
  const object = value as Record<string, unknown>;
  const missing = ['apiVersion', 'kind'].filter((key) => typeof object[key] !== 'string' || object[key] === '');
  if (missing.length === 0) return undefined;
  return `the object has no ${missing.join(' and no ')}: every manifest needs apiVersion and kind`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}
