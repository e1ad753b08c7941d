/**
 * The executor of Go's text/template: walks a parsed tree with a data value as dot and writes
 * the output, following exec.go's semantics for text, actions, if/with/range (with break and
 * continue), template calls, variable scopes and error messages.
 */
import type { ActionNode, AnyNode, BranchNode, Node, TemplateNode } from './ast.js';
import { nodeString } from './ast.js';
import { Evaluator, unwrap } from './exec-eval.js';
import { formatValue } from './fmt.js';
import type { GoValue } from './value.js';
import { GoFunc, goInt, isGoMap, isTrue, mapGet, sortedKeys, typeName } from './value.js';

export type { ExecEnv, MissingKey } from './exec-eval.js';

type Signal = 'break' | 'continue' | undefined;

/** One execution of one template: output, variables and the node being evaluated. */
export class ExecState extends Evaluator {
  out = '';
  private depth = 0;

  /** Runs the template's body with dot. */
  run(dot: GoValue): string {
    this.walk(dot, this.tree.root);
    return this.out;
  }

  /** Executes another template of the set into a string (for include-style functions). */
  executeTemplate(name: string, data: GoValue): string {
    const tree = this.env.lookupTemplate(name);
    if (tree === undefined) throw new Error(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(this.name)}`);
    return new ExecState(this.env, tree, name, data).run(data);
  }

  private walk(dot: GoValue, node: Node): Signal {
    this.at(node);
    switch (node.kind) {
      case 'action':
        return this.walkAction(dot, node);
      case 'break':
      case 'continue':
        return node.kind;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) {
          const signal = this.walk(dot, n);
          if (signal !== undefined) return signal;
        }
        return undefined;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.out += node.text;
        return undefined;
    }
  }

  private walkAction(dot: GoValue, node: ActionNode): Signal {
    const value = this.evalPipeline(dot, node.pipe);
    if (node.pipe.decl.length === 0) this.printValue(node, value);
    return undefined;
  }

  private walkIfOrWith(dot: GoValue, node: BranchNode): Signal {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      if (isTrue(value)) return this.walk(node.kind === 'with' ? value : dot, node.list);
      return node.elseList === undefined ? undefined : this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: GoValue, node: BranchNode): Signal {
    this.at(node);
    const mark = this.vars.length;
    try {
      const value = unwrap(this.evalPipeline(dot, node.pipe));
      const entries = this.rangeEntries(value, node);
      if (entries.length === 0) return node.elseList === undefined ? undefined : this.walk(dot, node.elseList);
      const inner = this.vars.length;
      for (const [key, elem] of entries) {
        if (node.pipe.decl.length > 0) this.setTopVar(1, elem);
        if (node.pipe.decl.length > 1) this.setTopVar(2, key);
        const signal = this.walk(elem, node.list);
        this.vars.length = inner;
        if (signal === 'break') break;
      }
      return undefined;
    } finally {
      this.vars.length = mark;
    }
  }

  private rangeEntries(value: GoValue, node: BranchNode): Array<[GoValue, GoValue]> {
    if (value === undefined) return [];
    if (Array.isArray(value)) return (value as readonly GoValue[]).map((e, i) => [goInt(i), e]);
    if (isGoMap(value)) return sortedKeys(value).map((k) => [k, mapGet(value, k)]);
    this.at(node.pipe);
    return this.fail(`range can't iterate over ${formatValue(value)}`);
  }

  private walkTemplate(dot: GoValue, node: TemplateNode): Signal {
    this.at(node);
    const tree = this.env.lookupTemplate(node.name);
    if (tree === undefined) this.fail(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= this.env.maxDepth) this.fail(`exceeded maximum template depth (${this.env.maxDepth})`);
    const newDot = this.evalPipeline(dot, node.pipe);
    const saved = { tree: this.tree, name: this.name, vars: this.vars };
    this.tree = tree;
    this.name = node.name;
    this.vars = [{ name: '$', value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      Object.assign(this, saved);
      this.depth--;
    }
    return undefined;
  }

  private printValue(node: AnyNode, value: GoValue): void {
    this.at(node);
    if (value === undefined) this.out += '<no value>';
    else if (value instanceof GoFunc) this.fail(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    else this.out += formatValue(value);
  }
}
