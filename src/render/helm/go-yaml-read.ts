/**
 * Reads YAML as Helm reads values files and fromYaml input: sigs.k8s.io/yaml over Go's yaml.v2.
 * Plain scalars resolve by yaml.v2's rules (YAML 1.1 booleans such as `yes` and `on`, Go integer
 * syntax, timestamps kept as strings), then go through JSON, so every number is a float64 and
 * every map key a string.
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { parseGoFloat, parseGoInt } from '../sprig/conversion.js';

/** A JSON-shaped value as Helm's values hold it. */
export type YamlValue = null | boolean | number | string | YamlValue[] | { [key: string]: YamlValue };

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity, '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
};
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TAG = 'tag:yaml.org,2002:';

/** Resolves a plain scalar's text as yaml.v2 does when decoding into interface{}. */
export function resolvePlainScalar(text: string): YamlValue {
  if (NULLS.has(text)) return null;
  if (TRUES.has(text)) return true;
  if (FALSES.has(text)) return false;
  const special = SPECIAL_FLOATS[text];
  if (special !== undefined) return special;
  if (!/^[-+.0-9]/.test(text)) return text;
  const plain = text.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return Number(int);
  if (/^\+?[0-9]+$/.test(plain) && BigInt(plain) < 2n ** 64n) return Number(BigInt(plain));
  if (YAML_FLOAT.test(plain)) return parseGoFloat(plain) ?? text;
  if (/^-0b[01]+$/.test(plain)) return -Number(BigInt(plain.slice(1)));
  return text;
}

function resolveTagged(tag: string, text: string): YamlValue {
  switch (tag) {
    case `${TAG}str`:
      return text;
    case `${TAG}null`:
      return null;
    case `${TAG}binary`:
      return Buffer.from(text.replace(/\s/g, ''), 'base64').toString('utf8');
    case `${TAG}bool`:
    case `${TAG}int`:
    case `${TAG}float`:
      return resolvePlainScalar(text);
    default:
      return text;
  }
}

/** Turns a value into a JSON object key the way sigs.k8s.io/yaml does. */
function keyString(key: YamlValue): string {
  if (key === null) return 'null';
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'boolean') return String(key);
  return JSON.stringify(key);
}

/** Converts parsed YAML nodes to values, following aliases and merge keys. */
class NodeReader {
  constructor(private readonly doc: Document.Parsed) {}

  read(node: unknown): YamlValue {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.read((node as Alias).resolve(this.doc));
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) return node.items.map((item) => this.read(item));
    if (isMap(node)) return this.mapping(node as YAMLMap);
    return null;
  }

  private scalar(node: Scalar): YamlValue {
    const text = typeof node.value === 'string' ? node.value : String(node.value ?? '');
    if (node.tag !== undefined && node.tag !== '!') return resolveTagged(node.tag, text);
    return node.type === Scalar.PLAIN ? resolvePlainScalar(text) : text;
  }

  private mapping(node: YAMLMap): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    for (const pair of node.items) {
      const rawKey = pair.key as YamlNode | null;
      if (isScalar(rawKey) && rawKey.value === '<<' && rawKey.type === Scalar.PLAIN) {
        this.merge(pair.value, out);
        continue;
      }
      out[keyString(this.read(rawKey))] = this.read(pair.value);
    }
    return out;
  }

  private merge(value: unknown, out: { [key: string]: YamlValue }): void {
    const target = isAlias(value) ? (value as Alias).resolve(this.doc) : value;
    const sources = isSeq(target) ? target.items : [target];
    for (const source of sources) {
      const merged = this.read(source);
      if (merged !== null && typeof merged === 'object' && !Array.isArray(merged)) Object.assign(out, merged);
      else throw new Error('map merge requires map or sequence of maps as the value');
    }
  }
}

/** Thrown for YAML that does not parse; the message names the line as yaml.v2 does. */
export class YamlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

function parseDocs(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const problem = doc.errors[0];
    if (problem !== undefined) {
      const line = problem.linePos?.[0].line ?? 1;
      throw new YamlSyntaxError(`yaml: line ${line}: ${problem.message.split('\n')[0] ?? ''}`);
    }
  }
  return list;
}

/** Parses the first document of a YAML stream (yaml.Unmarshal reads only one); empty is null. */
export function parseGoYaml(text: string): YamlValue {
  const doc = parseDocs(text)[0];
  return doc === undefined ? null : new NodeReader(doc).read(doc.contents);
}

/** Parses every document of a YAML stream; empty documents read as null. */
export function parseGoYamlDocuments(text: string): YamlValue[] {
  return parseDocs(text).map((doc) => new NodeReader(doc).read(doc.contents));
}

/** True for a YAML/JSON mapping (not null, not a list). */
export function isYamlMap(v: unknown): v is { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
