import type { JqCompareOp, JqFunction, JqNode } from './jq-ast.js';
import { isJsonObject, jsonEqual } from './json-value.js';
import type { PathSegment } from './object-path.js';

/** One output of a jq expression: a value and, when it came from the input, where it lives. */
export interface JqOutput {
  value: unknown;
  path?: PathSegment[];
}

/** A jq runtime error (iterating over null, indexing a string...): the expression yields nothing for this input. */
export class JqRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqRuntimeError';
  }
}

type Evaluators = { [K in JqNode['type']]: (node: Extract<JqNode, { type: K }>, input: JqOutput) => JqOutput[] };

const EVALUATORS: Evaluators = {
  identity: (_node, input) => [input],
  recurse: (_node, input) => recurse(input),
  field: (node, input) => [fieldOf(input, node.name)],
  index: (node, input) => [indexOf(input, node.index)],
  iterate: (_node, input) => iterate(input),
  pipe: (node, input) => evaluateJq(node.left, input).flatMap((out) => evaluateJq(node.right, out)),
  comma: (node, input) => [...evaluateJq(node.left, input), ...evaluateJq(node.right, input)],
  optional: (node, input) => optional(node.body, input),
  literal: (node) => [{ value: node.value }],
  compare: (node, input) => cartesian(node.left, node.right, input).map(([a, b]) => ({ value: compare(node.op, a, b) })),
  logic: (node, input) => logic(node.op, node.left, node.right, input),
  call: (node, input) => callFunction(node.name, node.args, input),
};

/** Evaluates a node on one input, as jq does, keeping the path of every output that has one. */
export function evaluateJq(node: JqNode, input: JqOutput): JqOutput[] {
  const evaluate = EVALUATORS[node.type] as (node: JqNode, input: JqOutput) => JqOutput[];
  return evaluate(node, input);
}

function child(input: JqOutput, segment: PathSegment, value: unknown): JqOutput {
  return input.path === undefined ? { value } : { value, path: [...input.path, segment] };
}

function fieldOf(input: JqOutput, name: string): JqOutput {
  const { value } = input;
  if (value === null || value === undefined) return child(input, name, null);
  if (!isJsonObject(value)) throw new JqRuntimeError(`cannot index ${typeOf(value)} with "${name}"`);
  return child(input, name, Object.prototype.hasOwnProperty.call(value, name) ? value[name] : null);
}

function indexOf(input: JqOutput, index: number): JqOutput {
  const { value } = input;
  if (value === null || value === undefined) return child(input, index, null);
  if (!Array.isArray(value)) throw new JqRuntimeError(`cannot index ${typeOf(value)} with a number`);
  const resolved = index < 0 ? value.length + index : index;
  if (resolved < 0) throw new JqRuntimeError('out of bounds negative array index');
  return child(input, resolved, resolved < value.length ? value[resolved] : null);
}

function iterate(input: JqOutput): JqOutput[] {
  const { value } = input;
  if (Array.isArray(value)) return value.map((item, i) => child(input, i, item));
  if (isJsonObject(value)) return Object.entries(value).map(([key, item]) => child(input, key, item));
  throw new JqRuntimeError(`cannot iterate over ${typeOf(value)}`);
}

function recurse(input: JqOutput): JqOutput[] {
  const { value } = input;
  if (!Array.isArray(value) && !isJsonObject(value)) return [input];
  return [input, ...iterate(input).flatMap(recurse)];
}

function optional(body: JqNode, input: JqOutput): JqOutput[] {
  try {
    return evaluateJq(body, input);
  } catch (error) {
    if (error instanceof JqRuntimeError) return [];
    throw error;
  }
}

function values(node: JqNode, input: JqOutput): unknown[] {
  return evaluateJq(node, input).map((out) => out.value);
}

function cartesian(left: JqNode, right: JqNode, input: JqOutput): [unknown, unknown][] {
  const rights = values(right, input);
  return values(left, input).flatMap((a) => rights.map((b): [unknown, unknown] => [a, b]));
}

/** jq's truthiness: only false and null are false. */
export function isTruthy(value: unknown): boolean {
  return value !== false && value !== null && value !== undefined;
}

function logic(op: 'and' | 'or', left: JqNode, right: JqNode, input: JqOutput): JqOutput[] {
  return values(left, input).flatMap((a) => {
    if (op === 'and' && !isTruthy(a)) return [{ value: false }];
    if (op === 'or' && isTruthy(a)) return [{ value: true }];
    return values(right, input).map((b) => ({ value: isTruthy(b) }));
  });
}

const TYPE_RANK = ['null', 'boolean', 'number', 'string', 'array', 'object'];

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function order(a: unknown, b: unknown): number {
  const rank = TYPE_RANK.indexOf(typeOf(a)) - TYPE_RANK.indexOf(typeOf(b));
  if (rank !== 0) return rank;
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  const x = JSON.stringify(a ?? null);
  const y = JSON.stringify(b ?? null);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compare(op: JqCompareOp, a: unknown, b: unknown): boolean {
  if (op === '==') return jsonEqual(a ?? null, b ?? null);
  if (op === '!=') return !jsonEqual(a ?? null, b ?? null);
  const sign = order(a, b);
  if (op === '<') return sign < 0;
  if (op === '<=') return sign <= 0;
  if (op === '>') return sign > 0;
  return sign >= 0;
}

type Builtin = (input: unknown, arg: unknown) => unknown;

const BUILTINS: Record<Exclude<JqFunction, 'select' | 'empty'>, Builtin> = {
  not: (input) => !isTruthy(input),
  startswith: (input, arg) => strings(input, arg, 'startswith') && (input as string).startsWith(arg as string),
  endswith: (input, arg) => strings(input, arg, 'endswith') && (input as string).endsWith(arg as string),
  contains: (input, arg) => contains(input, arg),
  test: (input, arg) => strings(input, arg, 'test') && regexOf(arg as string).test(input as string),
  has: (input, arg) => has(input, arg),
  length: (input) => lengthOf(input),
  type: (input) => typeOf(input),
  ascii_downcase: (input) => (strings(input, '', 'ascii_downcase') ? (input as string).toLowerCase() : input),
};

function callFunction(name: JqFunction, args: JqNode[], input: JqOutput): JqOutput[] {
  if (name === 'empty') return [];
  if (name === 'select') return values(args[0] as JqNode, input).some(isTruthy) ? [input] : [];
  const builtin = BUILTINS[name];
  if (args.length === 0) return [{ value: builtin(input.value, undefined) }];
  return values(args[0] as JqNode, input).map((arg) => ({ value: builtin(input.value, arg) }));
}

function strings(input: unknown, arg: unknown, name: string): boolean {
  if (typeof input !== 'string' || typeof arg !== 'string') throw new JqRuntimeError(`${name} requires string inputs`);
  return true;
}

function regexOf(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new JqRuntimeError(`invalid regular expression ${JSON.stringify(source)}`);
  }
}

function contains(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (Array.isArray(a) && Array.isArray(b)) return b.every((item) => a.some((candidate) => contains(candidate, item)));
  if (isJsonObject(a) && isJsonObject(b)) return Object.entries(b).every(([key, item]) => Object.prototype.hasOwnProperty.call(a, key) && contains(a[key], item));
  if (typeOf(a) !== typeOf(b)) throw new JqRuntimeError(`cannot check whether ${typeOf(a)} contains ${typeOf(b)}`);
  return jsonEqual(a, b);
}

function has(input: unknown, key: unknown): boolean {
  if (isJsonObject(input) && typeof key === 'string') return Object.prototype.hasOwnProperty.call(input, key);
  if (Array.isArray(input) && typeof key === 'number') return key >= 0 && key < input.length;
  throw new JqRuntimeError(`cannot check whether ${typeOf(input)} has a ${typeOf(key)} key`);
}

function lengthOf(input: unknown): number {
  if (input === null || input === undefined) return 0;
  if (typeof input === 'string' || Array.isArray(input)) return input.length;
  if (isJsonObject(input)) return Object.keys(input).length;
  if (typeof input === 'number') return Math.abs(input);
  throw new JqRuntimeError('boolean has no length');
}
