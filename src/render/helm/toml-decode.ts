/**
 * Helm's fromToml: a TOML 1.0 reader into template values (tables as maps, integers as int64,
 * floats as float64, dates and times as their text). Errors name the line, as BurntSushi's do.
 */
import { goInt } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';

const BARE = /^[A-Za-z0-9_-]+/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
const DATE = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([Zz]|[+-]\d{2}:\d{2})?|^\d{2}:\d{2}:\d{2}(\.\d+)?/;
const NUMBER = /^[+-]?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|inf|nan|[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9_]+)?)/;

/** A cursor over TOML text. */
class TomlReader {
  private pos = 0;
  private readonly root: GoMap = {};
  private current: GoMap = this.root;
  private readonly arrayTables = new Set<GoValue>();

  constructor(private readonly text: string) {}

  private fail(message: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new Error(`toml: line ${line}: ${message}`);
  }

  private peek(n = 1): string {
    return this.text.slice(this.pos, this.pos + n);
  }

  private skipSpace(newlines = false): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ' ' || ch === '\t' || (newlines && (ch === '\n' || ch === '\r'))) this.pos++;
      else if (ch === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else return;
    }
  }

  parse(): GoMap {
    while (this.pos < this.text.length) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) break;
      if (this.peek(2) === '[[') this.header(true);
      else if (this.peek() === '[') this.header(false);
      else this.keyValue(this.current);
      this.endLine();
    }
    return this.root;
  }

  private endLine(): void {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === undefined) return;
    if (ch === '\n') this.pos++;
    else if (this.peek(2) === '\r\n') this.pos += 2;
    else this.fail(`expected a newline, found ${JSON.stringify(ch)}`);
  }

  private header(array: boolean): void {
    this.pos += array ? 2 : 1;
    const path = this.key();
    if (this.peek(array ? 2 : 1) !== (array ? ']]' : ']')) this.fail('expected the end of a table header');
    this.pos += array ? 2 : 1;
    const last = path[path.length - 1] as string;
    const parent = this.descend(this.root, path.slice(0, -1));
    if (array) {
      const list = (parent[last] ?? []) as GoValue[];
      if (!Array.isArray(list)) this.fail(`key ${JSON.stringify(last)} is not an array of tables`);
      const table: GoMap = {};
      list.push(table);
      parent[last] = list;
      this.arrayTables.add(list);
      this.current = table;
      return;
    }
    this.current = this.descend(parent, [last]);
  }

  private descend(from: GoMap, path: string[]): GoMap {
    let table = from;
    for (const part of path) {
      let next = table[part];
      if (next === undefined) table[part] = next = {};
      if (Array.isArray(next) && this.arrayTables.has(next)) next = next[next.length - 1];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) this.fail(`key ${JSON.stringify(part)} is not a table`);
      table = next as GoMap;
    }
    return table;
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpace();
      const ch = this.peek();
      if (ch === '"' || ch === "'") parts.push(this.stringValue());
      else {
        const m = BARE.exec(this.text.slice(this.pos));
        if (m === null) this.fail('expected a key');
        parts.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipSpace();
      if (this.peek() !== '.') return parts;
      this.pos++;
    }
  }

  private keyValue(table: GoMap): void {
    const path = this.key();
    if (this.peek() !== '=') this.fail('expected "=" after a key');
    this.pos++;
    this.skipSpace();
    const target = this.descend(table, path.slice(0, -1));
    const last = path[path.length - 1] as string;
    if (Object.prototype.hasOwnProperty.call(target, last)) this.fail(`key ${JSON.stringify(last)} is defined twice`);
    target[last] = this.value();
  }

  private value(): GoValue {
    const ch = this.peek();
    if (ch === '"' || ch === "'") return this.stringValue();
    if (ch === '[') return this.arrayValue();
    if (ch === '{') return this.inlineTable();
    const rest = this.text.slice(this.pos);
    for (const [word, v] of [['true', true], ['false', false]] as const) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_-]/.test(rest[word.length] ?? '')) {
        this.pos += word.length;
        return v;
      }
    }
    const date = DATE.exec(rest);
    if (date !== null && date[0].length >= 8) {
      this.pos += date[0].length;
      return date[0];
    }
    return this.numberValue(rest);
  }

  private numberValue(rest: string): GoValue {
    const m = NUMBER.exec(rest);
    if (m === null) this.fail(`expected a value, found ${JSON.stringify(rest.slice(0, 10))}`);
    this.pos += m[0].length;
    const t = m[0].replace(/_/g, '');
    if (/^[+-]?(inf|nan)$/.test(t)) return t.endsWith('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?0[xob]/.test(t)) return goInt(BigInt(t.replace(/^\+/, '')), 'int64');
    if (/^[+-]?[0-9]+$/.test(t)) return goInt(BigInt(t.replace(/^\+/, '')), 'int64');
    return Number(t);
  }

  private arrayValue(): GoValue[] {
    this.pos++;
    const items: GoValue[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.peek() === ']') break;
      items.push(this.value());
      this.skipSpace(true);
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') this.fail('expected "," or "]" in an array');
    }
    this.pos++;
    return items;
  }

  private inlineTable(): GoMap {
    this.pos++;
    const table: GoMap = {};
    this.skipSpace();
    while (this.peek() !== '}') {
      this.keyValue(table);
      this.skipSpace();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail('expected "," or "}" in an inline table');
      this.skipSpace();
    }
    this.pos++;
    return table;
  }

  private stringValue(): string {
    const quote = this.peek();
    const multi = this.peek(3) === quote.repeat(3);
    this.pos += multi ? 3 : 1;
    if (multi && this.peek() === '\n') this.pos++;
    else if (multi && this.peek(2) === '\r\n') this.pos += 2;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string');
      if (this.peek(multi ? 3 : 1) === (multi ? quote.repeat(3) : quote)) break;
      const ch = this.text[this.pos] as string;
      if (ch === '\n' && !multi) this.fail('newline in a string');
      if (ch === '\\' && quote === '"') out += this.escape(multi);
      else {
        out += ch;
        this.pos++;
      }
    }
    this.pos += multi ? 3 : 1;
    return out;
  }

  private escape(multi: boolean): string {
    const next = this.text[this.pos + 1] ?? '';
    if (multi && /[ \t\r\n]/.test(next)) {
      this.pos++;
      while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
      return '';
    }
    this.pos += 2;
    const simple = ESCAPES[next];
    if (simple !== undefined) return simple;
    const len = next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = this.text.slice(this.pos, this.pos + len);
    if (len === 0 || !/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail(`invalid escape "\\${next}"`);
    this.pos += len;
    return String.fromCodePoint(parseInt(hex, 16));
  }
}

/** Parses a TOML document into a map; throws with the line of the first problem. */
export function decodeToml(text: string): GoMap {
  return new TomlReader(text).parse();
}
