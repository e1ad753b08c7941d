/**
 * The second pass over a resource: every expression it holds (forEach, template fields,
 * includeWhen, readyWhen) checked in the scope kro gives it, and the resources it depends on.
 */
import { InputError } from '../../core/index.js';
import { assignabilityError } from '../cel/compat.js';
import type { TypeEnv } from '../cel/typecheck.js';
import { DYN, STRING, formatType, unwrapOptional, type CelT } from '../cel/types.js';
import { checkExpression, requireString, standaloneBody, type ExpressionScope } from './expression-check.js';
import type { ResourceNode } from './resource-node.js';
import { lookupSchemaPath } from './template-check.js';
import type { FieldExpression, ForEachDimension } from './types.js';

/** What the second pass yields for one resource. */
export interface CheckedResource {
  fields: FieldExpression[];
  forEach: ForEachDimension[];
  readyWhen: string[];
  includeWhen: string[];
  /** Resource ids read by forEach, template and includeWhen (readiness is local). */
  dependencies: string[];
}

function owner(node: ResourceNode): string {
  return `resource ${JSON.stringify(node.raw.id)}`;
}

function checkForEach(node: ResourceNode, env: TypeEnv, refs: string[]): { dims: ForEachDimension[]; iterators: Map<string, CelT> } {
  const dims: ForEachDimension[] = [];
  const iterators = new Map<string, CelT>();
  const names = node.raw.forEach.flatMap((d) => Object.keys(d));
  // Other iterators are declared only so that reading one gets a precise message.
  const withIterators = new Map([...env, ...names.map((n): [string, CelT] => [n, DYN])]);
  for (const dim of node.raw.forEach) {
    for (const [name, value] of Object.entries(dim)) {
      const where = `forEach iterator ${JSON.stringify(name)}`;
      const body = standaloneBody(value, owner(node), where);
      const checked = checkExpression(body, { owner: owner(node), where, env: withIterators });
      const others = checked.references.filter((r) => names.includes(r));
      if (others.length > 0) {
        throw new InputError(`${owner(node)} ${where}: \${${body}} cannot reference other iterators (${others.join(', ')}): each dimension must come from schema or resources`);
      }
      const t = unwrapOptional(checked.type);
      if (t.k !== 'list' && t.k !== 'dyn') {
        throw new InputError(`${owner(node)} ${where}: \${${body}} must return a list, it returns ${formatType(t)}`);
      }
      iterators.set(name, t.k === 'list' ? t.elem : DYN);
      refs.push(...checked.references);
      dims.push({ name, expression: body });
    }
  }
  return { dims, iterators };
}

function checkStringPart(part: string, scope: ExpressionScope): string[] {
  const checked = checkExpression(part, scope);
  requireString(checked, scope);
  return checked.references;
}

function checkField(node: ResourceNode, f: ResourceNode['fields'][number], env: TypeEnv): FieldExpression {
  const scope: ExpressionScope = { owner: owner(node), where: `field ${f.path}`, env };
  const { schema: target, missing } = lookupSchemaPath(node.schema, f.path);
  if (missing) {
    throw new InputError(`${scope.owner} ${scope.where}: field ${JSON.stringify(missing)} not found in schema of ${node.gvk.kind}: check the field path`);
  }
  let references: string[];
  let type: CelT = STRING;
  if (f.standalone) {
    const checked = checkExpression(f.expression, scope);
    references = checked.references;
    type = checked.type;
  } else references = f.expressions.flatMap((part) => checkStringPart(part, scope));
  const mismatch = assignabilityError(type, target, f.path);
  if (mismatch) throw new InputError(`${scope.owner} ${scope.where}: \${${f.standalone ? f.expression : f.expressions.join('} ${')}}: ${mismatch}`);
  return { path: f.path, expression: f.expression, standalone: f.standalone, dependencies: [...new Set(references)] };
}

/** Every forEach dimension must reach metadata.name (or namespace), or items would collide. */
function checkIdentityUsesIterators(node: ResourceNode, fields: FieldExpression[], iterators: string[]): void {
  const identity = new Set(['metadata.name', 'metadata.generateName', ...(node.namespaced ? ['metadata.namespace'] : [])]);
  const used = new Set(fields.filter((f) => identity.has(f.path)).flatMap((f) => f.dependencies));
  const missing = iterators.filter((i) => !used.has(i));
  if (missing.length > 0) {
    throw new InputError(
      `${owner(node)}: all forEach dimensions must be used to produce a unique resource identity, missing: [${missing.join(' ')}]: ` +
        'use each iterator in metadata.name (or metadata.namespace)',
    );
  }
}

const READY_HINT = 'readyWhen may read only the resource itself (each item as `each` in a forEach collection)';

interface Conditions {
  values: string[];
  kind: 'readyWhen' | 'includeWhen';
  env: TypeEnv;
  refs: string[];
}

function checkConditions(node: ResourceNode, { values, kind, env, refs }: Conditions): string[] {
  return values.map((value, i) => {
    const where = values.length > 1 ? `${kind}[${i}]` : kind;
    const body = standaloneBody(value, owner(node), where);
    const hint = kind === 'readyWhen' ? READY_HINT : undefined;
    const checked = checkExpression(body, { owner: owner(node), where, env, hint });
    const t = unwrapOptional(checked.type);
    if (t.k !== 'bool' && t.k !== 'dyn') {
      throw new InputError(`${owner(node)} ${where}: \${${body}} must return bool, it returns ${formatType(t)}`);
    }
    refs.push(...checked.references);
    return body;
  });
}

/**
 * Checks a resource's expressions. `env` holds `schema` and every resource (collections as
 * lists); the resource's own id is not in scope of its template, forEach and includeWhen.
 */
export function checkResource(node: ResourceNode, env: TypeEnv): CheckedResource {
  const id = node.raw.id;
  const others = new Map(env);
  others.delete(id);
  const refs: string[] = [];
  const { dims, iterators } = checkForEach(node, others, refs);
  const templateEnv = new Map([...others, ...iterators]);
  const fields = node.fields.map((f) => checkField(node, f, templateEnv));
  checkIdentityUsesIterators(node, fields, [...iterators.keys()]);
  for (const f of fields) refs.push(...f.dependencies);
  const includeWhen = checkConditions(node, { values: node.raw.includeWhen, kind: 'includeWhen', env: others, refs });
  const readyEnv = new Map([[dims.length > 0 ? 'each' : id, node.objectType]]);
  const readyWhen = checkConditions(node, { values: node.raw.readyWhen, kind: 'readyWhen', env: readyEnv, refs: [] });
  const dependencies = [...new Set(refs)].filter((r) => env.has(r) && r !== 'schema' && !iterators.has(r));
  for (const f of fields) f.dependencies = f.dependencies.filter((d) => !iterators.has(d));
  return { fields, forEach: dims, readyWhen, includeWhen, dependencies };
}
