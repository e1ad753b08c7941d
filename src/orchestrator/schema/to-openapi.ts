/**
 * SimpleSchema -> OpenAPI v3: what kro's `ToOpenAPISpec` produces for `schema.spec` (or status),
 * with custom types from `schema.types` resolved in dependency order.
 */
import { InputError, messageOf } from '../../core/index.js';
import { createDag, CycleError } from '../graph/dag.js';
import { applyMarkers } from './markers.js';
import type { JSONSchemaProps } from './openapi-types.js';
import { isPlainObject, parseField, parseSpec, type FieldType } from './parse-field.js';

interface CustomType {
  schema: JSONSchemaProps;
  required: boolean;
}

type Customs = Map<string, CustomType>;

function depsOf(t: FieldType): string[] {
  switch (t.type) {
    case 'custom':
      return [t.name];
    case 'slice':
      return depsOf(t.elem);
    case 'map':
      return depsOf(t.value);
    case 'struct':
      return Object.values(t.fields).flatMap(depsOf);
    default:
      return [];
  }
}

function typeSchema(t: FieldType, customs: Customs): JSONSchemaProps {
  switch (t.type) {
    case 'float':
      return { type: 'number' };
    case 'object':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'slice':
      return { type: 'array', items: typeSchema(t.elem, customs) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.value, customs) };
    case 'custom': {
      const c = customs.get(t.name);
      if (!c) throw new InputError(`unknown type ${JSON.stringify(t.name)}: declare it under schema.types or use string, integer, ...`);
      return structuredClone(c.schema);
    }
    case 'struct':
      throw new InputError('nested objects are built field by field');
    default:
      return { type: t.type };
  }
}

function buildFieldFromString(name: string, text: string, parent: JSONSchemaProps, customs: Customs): JSONSchemaProps {
  const { type, markers } = parseField(text);
  const schema = typeSchema(type, customs);
  if (type.type === 'custom' && customs.get(type.name)?.required) parent.required = [...(parent.required ?? []), name];
  applyMarkers(schema, markers, name, parent);
  return schema;
}

function buildField(name: string, spec: unknown, parent: JSONSchemaProps, customs: Customs): JSONSchemaProps {
  if (typeof spec === 'string') return buildFieldFromString(name, spec, parent, customs);
  if (isPlainObject(spec)) return buildObject(spec, customs);
  throw new InputError(`expected a type string or an object of fields, got ${JSON.stringify(spec)}`);
}

function buildObject(spec: Record<string, unknown>, customs: Customs): JSONSchemaProps {
  const schema: JSONSchemaProps = { type: 'object', properties: {} };
  let childHasDefault = false;
  for (const name of Object.keys(spec).sort()) {
    let field: JSONSchemaProps;
    try {
      field = buildField(name, spec[name], schema, customs);
    } catch (error) {
      throw new InputError(`field ${name}: ${messageOf(error)}`, { cause: error });
    }
    (schema.properties as Record<string, JSONSchemaProps>)[name] = field;
    if (field.default !== undefined) childHasDefault = true;
  }
  // An object whose children have defaults gets `default: {}` so they apply even when it is absent,
  // unless it has required fields ({} would not validate).
  if (!schema.required?.length && childHasDefault) schema.default = {};
  return schema;
}

function loadCustomTypes(types: Record<string, unknown>): Customs {
  const parsed = new Map<string, FieldType>();
  const dag = createDag();
  for (const [name, spec] of Object.entries(types)) {
    try {
      parsed.set(name, parseSpec(spec));
    } catch (error) {
      throw new InputError(`type ${name}: ${messageOf(error)}`, { cause: error });
    }
    dag.addVertex(name);
  }
  for (const [name, t] of parsed) {
    const deps = [...new Set(depsOf(t))].filter((d) => parsed.has(d));
    try {
      dag.addDependencies(name, deps);
    } catch (error) {
      if (error instanceof CycleError) throw new InputError(`type ${name} refers to itself through ${error.cycle.join(' -> ')}`);
      throw new InputError(`type ${name}: ${messageOf(error)}`, { cause: error });
    }
  }
  const customs: Customs = new Map();
  for (const name of dag.topologicalSort()) customs.set(name, buildCustomType(name, types[name], customs));
  return customs;
}

function buildCustomType(name: string, spec: unknown, customs: Customs): CustomType {
  try {
    if (typeof spec === 'string') {
      const holder: JSONSchemaProps = {};
      const schema = buildFieldFromString(name, spec, holder, customs);
      return { schema, required: (holder.required?.length ?? 0) > 0 };
    }
    return { schema: buildObject(spec as Record<string, unknown>, customs), required: false };
  } catch (error) {
    throw new InputError(`type ${name}: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * Converts a SimpleSchema object (`schema.spec` or `schema.status`) and its custom `types` into
 * an OpenAPI v3 schema. Throws an InputError naming the field when the SimpleSchema is invalid.
 */
export function toOpenAPISpec(spec: Record<string, unknown>, types: Record<string, unknown> = {}): JSONSchemaProps {
  return buildObject(spec, loadCustomTypes(types));
}
