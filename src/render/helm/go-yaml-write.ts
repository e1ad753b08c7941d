/**
 * Writes values as Helm's toYaml and toYamlPretty do. toYaml is sigs.k8s.io/yaml.Marshal: a JSON
 * round trip, then Go's yaml.v2 emitter (sequences flush under their key). toYamlPretty is
 * goyaml.v3 with a 2-space indent (sequences indented under their key).
 */
import type { GoValue } from '../gotemplate/value.js';
import { compareGoYamlKeys } from '../kustomize/go-yaml-resolve.js';
import type { JsonValue } from '../kustomize/json-value.js';
import { EmitBuffer, writeString } from '../kustomize/yaml-scalar.js';
import { formatGoFloat, formatYamlDocument } from '../kustomize/yaml-write.js';
import { encodeJson } from '../sprig/json.js';

/** The value as JSON data (json.Marshal then json.Unmarshal into interface{}); throws Go's errors. */
export function toJsonData(v: GoValue): JsonValue {
  return JSON.parse(encodeJson(v, { escapeHTML: false })) as JsonValue;
}

/** sigs.k8s.io/yaml.Marshal of a value, ending with a newline; throws on unsupported values. */
export function marshalYaml(v: GoValue): string {
  return formatYamlDocument(toJsonData(v));
}

/** Helm's toYaml: marshalYaml without its trailing newline, or "" when the value cannot be encoded. */
export function toYaml(v: GoValue): string {
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch {
    return '';
  }
}

function isMapping(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isBlock(v: JsonValue): boolean {
  return (Array.isArray(v) && v.length > 0) || (isMapping(v) && Object.keys(v).length > 0);
}

function writeScalar(buf: EmitBuffer, v: JsonValue, indent: number): void {
  if (v === null) buf.write('null');
  else if (typeof v === 'boolean') buf.write(String(v));
  else if (typeof v === 'number') buf.write(formatGoFloat(v));
  else if (typeof v === 'string') writeString(buf, v, indent);
  else buf.write(Array.isArray(v) ? '[]' : '{}');
}

function writePrettyNode(buf: EmitBuffer, v: JsonValue, indent: number): void {
  if (Array.isArray(v) && v.length > 0) {
    v.forEach((item, i) => {
      if (i > 0) buf.indentTo(indent);
      buf.write('- ');
      writePrettyNode(buf, item, indent + 2);
    });
  } else if (isMapping(v) && Object.keys(v).length > 0) {
    Object.keys(v)
      .sort(compareGoYamlKeys)
      .forEach((key, i) => {
        if (i > 0) buf.indentTo(indent);
        writeString(buf, key, indent, true);
        buf.write(':');
        const child = v[key] as JsonValue;
        if (isBlock(child)) {
          buf.indentTo(indent + 2);
          writePrettyNode(buf, child, indent + 2);
        } else {
          buf.write(' ');
          writeScalar(buf, child, indent + 2);
        }
      });
  } else {
    writeScalar(buf, v, indent);
  }
}

/** Helm's toYamlPretty: goyaml.v3 with a 2-space indent, without the trailing newline. */
export function toYamlPretty(v: GoValue): string {
  try {
    const buf = new EmitBuffer();
    writePrettyNode(buf, toJsonData(v), 0);
    return buf.toString();
  } catch {
    return '';
  }
}
