/**
 * A set of named Go templates that share their definitions, as Go's *template.Template with its
 * associated templates: parse several sources into one set, then execute any template by name.
 */
import { builtinFuncs } from './builtins.js';
import { TemplateError } from './errors.js';
import { ExecState } from './exec.js';
import type { MissingKey } from './exec.js';
import { isEmptyTree, parseTemplateText } from './parser.js';
import type { Tree } from './parser.js';
import type { GoFunc, GoValue } from './value.js';

/** Template functions by name: builtins, Sprig, Helm's or Argo CD's extras. */
export type FuncMap = Readonly<Record<string, GoFunc>>;

/** Options of a template set, fixed before parsing as in Go. */
export interface TemplateSetOptions {
  /** Action delimiters; empty strings mean the defaults `{{` and `}}` (Go's Delims). */
  readonly delims?: readonly [string, string];
  /** Functions available to templates; they shadow builtins of the same name. */
  readonly funcs?: FuncMap;
  /** Default missingkey behaviour of executions (Go's Option("missingkey=...")). */
  readonly missingKey?: MissingKey;
}

/** Options of one execution. */
export interface ExecuteOptions {
  readonly missingKey?: MissingKey;
  /** Functions that replace the set's functions of the same name for this execution only. */
  readonly funcs?: FuncMap;
  /** Maximum nesting of {{template}} calls (Go's is 100000; the JS stack may end it sooner). */
  readonly maxDepth?: number;
}

const BUILTINS = builtinFuncs();
const DEFAULT_MAX_DEPTH = 100000;

/** Named templates sharing definitions; parse sources into it, then execute by name. */
export class TemplateSet {
  private readonly trees = new Map<string, Tree>();
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  private readonly funcs: FuncMap;
  private readonly missingKey: MissingKey;

  constructor(options: TemplateSetOptions = {}) {
    this.leftDelim = options.delims?.[0] || '{{';
    this.rightDelim = options.delims?.[1] || '}}';
    this.funcs = { ...(options.funcs ?? {}) };
    this.missingKey = options.missingKey ?? 'default';
  }

  /**
   * Parses `text` as the template `name` plus the templates it defines. A later non-empty
   * definition replaces an earlier one; an empty one never replaces an existing template.
   */
  parse(name: string, text: string): this {
    const trees = parseTemplateText(name, text, {
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
      hasFunction: (f) => Object.prototype.hasOwnProperty.call(this.funcs, f) || BUILTINS.has(f),
    });
    for (const [treeName, tree] of trees) {
      const old = this.trees.get(treeName);
      if (old !== undefined && isEmptyTree(tree.root)) continue;
      this.trees.set(treeName, tree);
    }
    return this;
  }

  /** The parsed template of that name, if any. */
  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  /** The names of every template in the set, sorted. */
  names(): string[] {
    return [...this.trees.keys()].sort();
  }

  /** A copy that can gain definitions without changing this set (Helm's tpl parses into one). */
  clone(): TemplateSet {
    const copy = new TemplateSet({ delims: [this.leftDelim, this.rightDelim], funcs: this.funcs, missingKey: this.missingKey });
    for (const [name, tree] of this.trees) copy.trees.set(name, tree);
    return copy;
  }

  /** Executes the named template with `data` as dot; throws a TemplateError on failure. */
  execute(name: string, data: GoValue, options: ExecuteOptions = {}): string {
    const tree = this.trees.get(name);
    if (tree === undefined) {
      throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(name)}`, { phase: 'execute' });
    }
    const funcs = { ...this.funcs, ...(options.funcs ?? {}) };
    const state = new ExecState(
      {
        lookupTemplate: (n) => this.trees.get(n),
        lookupFunc: (f) => lookupFunc(funcs, f),
        missingKey: options.missingKey ?? this.missingKey,
        maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
      },
      tree,
      name,
      data ?? undefined,
    );
    try {
      return state.run(data ?? undefined);
    } catch (error) {
      if (error instanceof RangeError && /call stack/.test(error.message)) {
        return state.fail(`exceeded maximum template depth (${options.maxDepth ?? DEFAULT_MAX_DEPTH})`, error);
      }
      throw error;
    }
  }
}

function lookupFunc(funcs: FuncMap, name: string): { fn: GoFunc; builtin: boolean } | undefined {
  if (Object.prototype.hasOwnProperty.call(funcs, name)) {
    const fn = funcs[name];
    if (fn !== undefined) return { fn, builtin: false };
  }
  const builtin = BUILTINS.get(name);
  return builtin === undefined ? undefined : { fn: builtin, builtin: true };
}

/** Parses one source into a new set: the common case of a single template and its defines. */
export function parseTemplates(name: string, text: string, options: TemplateSetOptions = {}): TemplateSet {
  return new TemplateSet(options).parse(name, text);
}

/** Executes a template of a set (a function form of TemplateSet.execute). */
export function executeTemplate(set: TemplateSet, name: string, data: GoValue, options: ExecuteOptions = {}): string {
  return set.execute(name, data, options);
}
