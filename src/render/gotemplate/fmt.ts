/**
 * Go's fmt for template values: Sprint, Sprintln and Sprintf with the verbs, flags, widths,
 * precisions and argument indexes of Go's fmt, including its in-band errors (`%!d(string=x)`,
 * `%!d(MISSING)`, `%!(EXTRA int=1)`).
 */
import { clearFlags, fmtFloat, fmtInteger, fmtQ, fmtS, fmtSx, isFloatVerb, isIntegerVerb, pad } from './fmt-flags.js';
import type { FmtFlags } from './fmt-flags.js';
import { quoteString } from './fmt-quote.js';
import type { GoValue } from './value.js';
import { GoComplex, GoFunc, GoInt, GoStruct, isGoMap, mapGet, sortedKeys, typeName } from './value.js';

/** One Sprintf call in progress: the output so far and the current verb's flags. */
export class Printer {
  out = '';
  f: FmtFlags = clearFlags();

  /** Prints one argument with a verb (Go's printArg). */
  printArg(arg: GoValue, verb: string): void {
    if (arg === undefined || arg === null) {
      if (verb === 'T' || verb === 'v') this.out += pad(this.f, '<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.out += fmtS(this.f, typeName(arg));
      return;
    }
    this.printValue(arg, verb, 0);
  }

  /** Prints a value at some nesting depth (Go's printValue). */
  printValue(v: GoValue, verb: string, depth: number): void {
    if (v === undefined || v === null) {
      this.out += depth === 0 ? pad(this.f, '<nil>') : this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (typeof v === 'boolean') return this.fmtBool(v, verb);
    if (typeof v === 'number') return this.fmtNumber(v, verb);
    if (typeof v === 'string') return this.fmtString(v, verb);
    this.printObject(v, verb, depth);
  }

  private printObject(v: Exclude<GoValue, undefined | null | boolean | number | string>, verb: string, depth: number): void {
    if (v instanceof GoInt) return this.fmtInt(v, verb);
    if (v instanceof GoComplex) return this.fmtComplex(v, verb);
    if (v instanceof GoStruct) return this.fmtStruct(v, verb, depth);
    if (v instanceof GoFunc) return this.badVerb(verb, v);
    if (Array.isArray(v)) return this.fmtSlice(v as readonly GoValue[], verb, depth);
    if (isGoMap(v)) return this.fmtMap(v, verb, depth);
  }

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.out += pad(this.f, String(v));
    else this.badVerb(verb, v);
  }

  private fmtNumber(v: number, verb: string): void {
    if (isFloatVerb(verb)) this.out += fmtFloat(this.f, v, verb);
    else this.badVerb(verb, v);
  }

  private fmtInt(v: GoInt, verb: string): void {
    if (isIntegerVerb(verb)) this.out += fmtInteger(this.f, v.value, verb);
    else this.badVerb(verb, v);
  }

  private fmtString(v: string, verb: string): void {
    if (verb === 'v') this.out += this.f.sharpV ? quoteString(v) : fmtS(this.f, v);
    else if (verb === 's') this.out += fmtS(this.f, v);
    else if (verb === 'x' || verb === 'X') this.out += fmtSx(this.f, v, verb);
    else if (verb === 'q') this.out += fmtQ(this.f, v);
    else this.badVerb(verb, v);
  }

  private fmtComplex(v: GoComplex, verb: string): void {
    if (!isFloatVerb(verb)) return this.badVerb(verb, v);
    const plus = this.f.plus;
    this.out += `(${fmtFloat(this.f, v.re, verb)}`;
    this.f.plus = true;
    this.out += `${fmtFloat(this.f, v.im, verb)}i)`;
    this.f.plus = plus;
  }

  private fmtSlice(v: readonly GoValue[], verb: string, depth: number): void {
    this.out += this.f.sharpV ? `${typeName(v)}{` : '[';
    v.forEach((e, i) => {
      if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
      this.printValue(e, verb, depth + 1);
    });
    this.out += this.f.sharpV ? '}' : ']';
  }

  private fmtMap(v: Readonly<Record<string, GoValue>>, verb: string, depth: number): void {
    this.out += this.f.sharpV ? `${typeName(v)}{` : 'map[';
    sortedKeys(v).forEach((k, i) => {
      if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
      this.printValue(k, verb, depth + 1);
      this.out += ':';
      this.printValue(mapGet(v, k), verb, depth + 1);
    });
    this.out += this.f.sharpV ? '}' : ']';
  }

  private fmtStruct(v: GoStruct, verb: string, depth: number): void {
    const method = v.methods['Error'] ?? v.methods['String'];
    if (method !== undefined && method.signature.params.length === 0 && 'vsxXq'.includes(verb) && !this.f.sharpV) {
      const s = method.impl([], { executeTemplate: () => '' });
      return this.fmtString(typeof s === 'string' ? s : String(s), verb);
    }
    this.out += this.f.sharpV ? `${v.typeName}{` : '{';
    Object.entries(v.fields).forEach(([name, value], i) => {
      if (i > 0) this.out += this.f.sharpV ? ', ' : ' ';
      if (this.f.plusV || this.f.sharpV) this.out += `${name}:`;
      this.printValue(value, verb, depth + 1);
    });
    this.out += '}';
  }

  /** Go's in-band report of a verb that does not fit the value: %!d(string=hi). */
  badVerb(verb: string, arg: GoValue): void {
    this.out += `%!${verb}(`;
    if (arg === undefined || arg === null) this.out += '<nil>';
    else {
      this.out += `${typeName(arg)}=`;
      if (arg instanceof GoFunc) this.out += '0x0';
      else this.printArg(arg, 'v');
    }
    this.out += ')';
  }
}

/** fmt.Sprint: operands printed with %v, a space between two operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') p.out += ' ';
    p.f = clearFlags();
    p.printArg(arg, 'v');
  });
  return p.out;
}

/** fmt.Sprintln: operands printed with %v, always space-separated, then a newline. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.f = clearFlags();
    p.printArg(arg, 'v');
  });
  return `${p.out}\n`;
}

/** Formats a single value as fmt's %v would (for printing a pipeline's value). */
export function formatValue(v: GoValue): string {
  return sprint([v]);
}
