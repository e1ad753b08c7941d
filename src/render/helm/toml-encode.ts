/**
 * Helm's toToml: BurntSushi/toml's encoder over template values. Plain keys come before tables,
 * each group sorted; nested tables are indented two spaces per level; floats always carry a
 * decimal point; nil values are left out.
 */
import { GoInt, GoStruct, isGoMap } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const INDENT = '  ';

function quoteToml(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function keyText(k: string): string {
  return BARE_KEY.test(k) ? k : quoteToml(k);
}

function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f > 0 ? 'inf' : '-inf';
  const text = Math.abs(f) < 1e21 ? String(f) : f.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  const plain = /e/.test(text) ? f.toFixed(20).replace(/0+$/, '') : text;
  return plain.includes('.') ? plain.replace(/\.$/, '.0') : `${plain}.0`;
}

function isTable(v: GoValue): boolean {
  return isGoMap(v) || v instanceof GoStruct;
}

function isTableArray(v: GoValue): v is readonly GoValue[] {
  return Array.isArray(v) && v.length > 0 && (v as readonly GoValue[]).every((e) => isGoMap(e));
}

function entriesOf(v: GoValue): Array<[string, GoValue]> {
  if (v instanceof GoStruct) return Object.entries(v.fields);
  return Object.entries(v as GoMap);
}

/** Encodes one inline value. */
function encodeValue(v: GoValue): string {
  if (typeof v === 'string') return quoteToml(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatFloat(v);
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) return `[${(v as readonly GoValue[]).map(encodeValue).join(', ')}]`;
  if (isTable(v)) {
    const parts = entriesOf(v).filter(([, e]) => e !== null && e !== undefined);
    return `{${parts.map(([k, e]) => `${keyText(k)} = ${encodeValue(e)}`).join(', ')}}`;
  }
  throw new Error(`toml: cannot encode a value of this type`);
}

/** Writes TOML text, tracking whether anything was written (for BurntSushi's newlines). */
class TomlWriter {
  out = '';

  newline(): void {
    if (this.out !== '') this.out += '\n';
  }

  table(path: string[], v: GoValue): void {
    const entries = entriesOf(v)
      .filter(([, e]) => e !== null && e !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const direct = entries.filter(([, e]) => !isTable(e) && !isTableArray(e));
    const nested = entries.filter(([, e]) => isTable(e) || isTableArray(e));
    const indent = INDENT.repeat(path.length);
    for (const [k, e] of direct) {
      this.out += `${indent}${keyText(k)} = ${encodeValue(e)}`;
      this.newline();
    }
    for (const [k, e] of nested) this.child([...path, k], e);
  }

  private child(path: string[], v: GoValue): void {
    const header = path.map(keyText).join('.');
    const indent = INDENT.repeat(path.length - 1);
    if (isTableArray(v)) {
      for (const item of v) {
        this.newline();
        this.out += `${indent}[[${header}]]`;
        this.newline();
        this.table(path, item);
      }
      return;
    }
    if (path.length === 1) this.newline();
    this.out += `${indent}[${header}]`;
    this.newline();
    this.table(path, v);
  }
}

/** Encodes a map as a TOML document; throws when the value is not a table or holds unsupported values. */
export function encodeToml(v: GoValue): string {
  if (!isTable(v)) throw new Error('toml: top-level values must be Go maps or structs');
  const w = new TomlWriter();
  w.table([], v);
  return w.out;
}
