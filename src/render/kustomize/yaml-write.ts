/**
 * Writes objects as kustomize prints them: a JSON round trip through Go's yaml.v2, so keys are
 * sorted yaml.v2's way, sequences sit flush under their key, and scalars take yaml.v2's styles.
 */
import { compareGoYamlKeys } from './go-yaml-resolve.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { EmitBuffer, writeString } from './yaml-scalar.js';

/** Formats a non-integer number as Go's strconv.FormatFloat(f, 'g', -1, 64) does. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '+.inf' : '-.inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

function writeScalar(buf: EmitBuffer, value: JsonValue, indent: number): void {
  if (value === null) buf.write('null');
  else if (typeof value === 'boolean') buf.write(value ? 'true' : 'false');
  else if (typeof value === 'number') buf.write(formatGoFloat(value));
  else if (typeof value === 'string') writeString(buf, value, indent);
}

function isEmptyCollection(value: JsonValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

function writeNode(buf: EmitBuffer, value: JsonValue, indent: number, inline: boolean): void {
  if (Array.isArray(value) && value.length > 0) writeSequence(buf, value, indent, inline);
  else if (isObject(value) && !isEmptyCollection(value)) writeMapping(buf, value, indent, inline);
  else if (Array.isArray(value)) buf.write('[]');
  else if (isObject(value)) buf.write('{}');
  else writeScalar(buf, value, indent);
}

function writeMapping(buf: EmitBuffer, obj: JsonObject, indent: number, inline: boolean): void {
  const keys = Object.keys(obj).sort(compareGoYamlKeys);
  keys.forEach((key, i) => {
    if (!(inline && i === 0)) buf.indentTo(indent);
    writeString(buf, key, indent, true);
    buf.write(':');
    const value = obj[key] as JsonValue;
    if (Array.isArray(value) && value.length > 0) {
      writeSequence(buf, value, indent, false);
    } else if (isObject(value) && !isEmptyCollection(value)) {
      writeMapping(buf, value, indent + 2, false);
    } else {
      buf.write(' ');
      writeNode(buf, value, indent + 2, true);
    }
  });
}

function writeSequence(buf: EmitBuffer, items: JsonValue[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (!(inline && i === 0)) buf.indentTo(indent);
    buf.write('- ');
    writeNode(buf, item, indent + 2, true);
  });
}

/** One document in kustomize's output format, ending with a newline. */
export function formatYamlDocument(value: JsonValue): string {
  const buf = new EmitBuffer();
  writeNode(buf, value, 0, true);
  if (buf.column > 0) buf.newline();
  return buf.toString();
}

/** Several documents joined the way kustomize's ResMap.AsYaml joins them. */
export function formatYamlDocuments(values: readonly JsonValue[]): string {
  return values.map(formatYamlDocument).join('---\n');
}
