/**
 * Expression evaluation for Go's text/template executor, following exec.go: pipelines,
 * variables, field chains, function and method calls with Go's argument typing, missing keys.
 */
import type { AnyNode, ArgNode, ChainNode, CommandNode, IdentifierNode, PipeNode, VariableNode } from './ast.js';
import { nodeString } from './ast.js';
import { TemplateError } from './errors.js';
import { canBeNil, constantArg, idealConstant, validateType } from './exec-args.js';
import type { Tree } from './parser.js';
import type { FuncContext, GoFunc, GoType, GoValue } from './value.js';
import { GoStruct, REFLECT_VALUE, isGoMap, isTrue, mapGet, mapHas, typeName } from './value.js';

/** What to do when a map has no entry for a key: Go's missingkey option. */
export type MissingKey = 'default' | 'zero' | 'error';

/** The environment an execution runs in. */
export interface ExecEnv {
  readonly lookupTemplate: (name: string) => Tree | undefined;
  /** Finds a function: user functions first, then builtins (`builtin` true). */
  readonly lookupFunc: (name: string) => { fn: GoFunc; builtin: boolean } | undefined;
  readonly missingKey: MissingKey;
  readonly maxDepth: number;
}

/** Marks a command that receives no value from a previous pipeline stage. */
export const NO_FINAL = Symbol('no final value');
/** A piped-in value, or NO_FINAL. */
export type Final = GoValue | typeof NO_FINAL;

/** The call site of a field, method or function: its node, the command's words, the piped value. */
interface CallSite {
  readonly node: AnyNode;
  readonly args: ArgNode[];
  readonly final: Final;
}

/** A function found by name, and whether it is a builtin (and/or short-circuit only as builtins). */
interface FoundFunc {
  readonly fn: GoFunc;
  readonly builtin: boolean;
}

interface Variable {
  readonly name: string;
  value: GoValue;
}

/**
 * The expression half of an execution: pipelines, commands, variables, fields and calls, with
 * Go's error wording. ExecState adds the statements (text, actions, if, range, template).
 */
export abstract class Evaluator implements FuncContext {
  protected vars: Variable[];
  protected node: AnyNode | undefined;

  constructor(
    protected readonly env: ExecEnv,
    protected tree: Tree,
    protected name: string,
    dot: GoValue,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  /** Executes another template of the set into a string (for include-style functions). */
  abstract executeTemplate(name: string, data: GoValue): string;

  /** Fails with Go's message: template, line, column, the node, then the reason. */
  fail(message: string, cause?: unknown): never {
    const node = this.node;
    if (node === undefined) throw new TemplateError(`template: ${this.name}: ${message}`, { phase: 'execute', cause });
    const before = this.tree.text.slice(0, node.pos);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const column = Buffer.byteLength(before.slice(lineStart), 'utf8');
    const location = { template: this.tree.parseName, line, column };
    const text = `template: ${this.tree.parseName}:${line}:${column}: executing ${JSON.stringify(this.name)} at <${nodeString(node)}>: ${message}`;
    throw new TemplateError(text, { phase: 'execute', location, cause });
  }

  protected at(node: AnyNode): void {
    this.node = node;
  }

  protected guard<T>(f: () => T): T {
    try {
      return f();
    } catch (error) {
      if (error instanceof TemplateError || !(error instanceof Error)) throw error;
      return this.fail(error.message, error);
    }
  }

  /** Evaluates a pipeline, declaring or assigning its variables. */
  evalPipeline(dot: GoValue, pipe: PipeNode | undefined): GoValue {
    if (pipe === undefined) return undefined;
    this.at(pipe);
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) value = unwrap(this.evalCommand(dot, cmd, value));
    const result = value === NO_FINAL ? undefined : value;
    for (const v of pipe.decl) {
      const name = v.ident[0] ?? '$';
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0] as ArgNode;
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first.ident, { node: first, args: cmd.args, final });
      case 'chain':
        return this.evalChain(dot, first, { node: first, args: cmd.args, final });
      case 'identifier':
        return this.evalFunction(dot, first, cmd, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, { node: first, args: cmd.args, final });
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    return this.evalConstantCommand(dot, first);
  }

  private evalConstantCommand(dot: GoValue, first: ArgNode): GoValue {
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'number':
        return this.guard(() => idealConstant(first));
      case 'string':
        return first.text;
      default:
        return this.fail('nil is not a command');
    }
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== NO_FINAL) this.fail(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
  }

  private evalChain(dot: GoValue, chain: ChainNode, site: CallSite): GoValue {
    this.at(chain);
    if (chain.node.kind === 'nil') this.fail(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain.field, site);
  }

  private evalVariable(dot: GoValue, v: VariableNode, site: CallSite): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0] ?? '$');
    if (v.ident.length === 1) {
      this.notAFunction(site.args, site.final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.ident.slice(1), site);
  }

  /** Looks up a chain of fields; only the last one receives the call's arguments. */
  private evalFieldChain(dot: GoValue, receiver: GoValue, ident: string[], site: CallSite): GoValue {
    const inner: CallSite = { node: site.node, args: [], final: NO_FINAL };
    let value = receiver;
    ident.forEach((name, i) => {
      value = this.evalField(dot, name, i === ident.length - 1 ? site : inner, value);
    });
    return value;
  }

  private evalField(dot: GoValue, name: string, site: CallSite, receiver: GoValue): GoValue {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.fail(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    if (receiver === null) this.fail(`nil pointer evaluating interface {}.${name}`);
    if (receiver instanceof GoStruct) return this.evalStructField(dot, name, site, receiver);
    if (!isGoMap(receiver)) return this.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`);
    if (site.args.length > 1 || site.final !== NO_FINAL) this.fail(`${name} is not a method but has arguments`);
    if (mapHas(receiver, name)) return mapGet(receiver, name);
    if (this.env.missingKey === 'error') this.fail(`map has no entry for key ${JSON.stringify(name)}`);
    return this.env.missingKey === 'zero' ? null : undefined;
  }

  private evalStructField(dot: GoValue, name: string, site: CallSite, receiver: GoStruct): GoValue {
    const method = Object.prototype.hasOwnProperty.call(receiver.methods, name) ? receiver.methods[name] : undefined;
    if (method !== undefined) return this.evalCall(dot, { fn: method, builtin: false }, name, site);
    if (!Object.prototype.hasOwnProperty.call(receiver.fields, name)) this.fail(`can't evaluate field ${name} in type ${receiver.typeName}`);
    if (site.args.length > 1 || site.final !== NO_FINAL) this.fail(`${name} has arguments but cannot be invoked as function`);
    return receiver.fields[name];
  }

  private evalFunction(dot: GoValue, node: IdentifierNode, cmd: CommandNode, final: Final): GoValue {
    this.at(node);
    const found = this.env.lookupFunc(node.name);
    if (found === undefined) this.fail(`${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(dot, found, node.name, { node: cmd, args: cmd.args, final });
  }

  private checkArity(name: string, fn: GoFunc, site: CallSite): void {
    const { params, variadic } = fn.signature;
    const given = site.args.length - 1;
    const numIn = given + (site.final === NO_FINAL ? 0 : 1);
    if (variadic !== undefined && numIn < params.length) this.fail(`wrong number of args for ${name}: want at least ${params.length} got ${given}`);
    if (variadic === undefined && numIn !== params.length) this.fail(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
  }

  private evalCall(dot: GoValue, found: FoundFunc, name: string, site: CallSite): GoValue {
    this.checkArity(name, found.fn, site);
    const argNodes = site.args.slice(1);
    if (found.builtin && (name === 'and' || name === 'or')) return this.evalAndOr(dot, name, argNodes, site.final);
    const { params, variadic } = found.fn.signature;
    const argv = argNodes.map((n, i) => this.evalArg(dot, params[i] ?? variadic, n));
    const { final } = site;
    if (final !== NO_FINAL) argv.push(this.guard(() => validateType(final, params[argv.length] ?? variadic)));
    this.at(site.node);
    try {
      return found.fn.impl(argv, this);
    } catch (error) {
      if (error instanceof RangeError && /call stack/.test(error.message)) throw error;
      return this.fail(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  }

  private evalAndOr(dot: GoValue, name: string, argNodes: ArgNode[], final: Final): GoValue {
    let v: GoValue;
    for (const n of argNodes) {
      v = this.evalArg(dot, REFLECT_VALUE, n);
      if (isTrue(unwrap(v)) === (name === 'or')) return v;
    }
    return final === NO_FINAL ? v : final;
  }

  private evalArg(dot: GoValue, typ: GoType | undefined, n: ArgNode): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.guard(() => validateType(dot, typ));
      case 'nil':
        if (typ === undefined || !canBeNil(typ)) this.fail(`cannot assign nil to ${typ ?? 'nil'}`);
        return typ === REFLECT_VALUE ? undefined : null;
      case 'field':
      case 'variable':
      case 'pipe':
      case 'chain': {
        const value = this.evalCommand(dot, { kind: 'command', pos: n.pos, args: [n] }, NO_FINAL);
        return this.guard(() => validateType(value, typ));
      }
      case 'identifier': {
        const value = this.evalFunction(dot, n, { kind: 'command', pos: n.pos, args: [n] }, NO_FINAL);
        return this.guard(() => validateType(value, typ));
      }
    }
    return this.guard(() => constantArg(n, typ ?? REFLECT_VALUE));
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]?.name === name) return this.vars[i]?.value;
    return this.fail(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v?.name === name) {
        v.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  protected setTopVar(n: number, value: GoValue): void {
    const v = this.vars[this.vars.length - n];
    if (v !== undefined) v.value = value;
  }
}

/** Go's indirectInterface: a nil interface is "no value". */
export function unwrap<T>(v: T | null): T | undefined {
  return v === null ? undefined : v;
}
