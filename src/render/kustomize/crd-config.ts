/**
 * The `crds` field: OpenAPI definitions of custom types whose properties say, through `x-kubernetes-*`
 * extensions, which fields hold references to other objects (by name), annotations, label
 * selectors or identities. Each becomes a field spec of the transformer configuration.
 */
import { InputError, messageOf } from '../../core/index.js';
import type { FieldSpec } from './field-spec.js';
import type { Loader } from './file-system.js';
import { isObject, type JsonObject } from './json-value.js';
import { emptyTransformerConfig, mergeTransformerConfigs, type TransformerConfig } from './transformer-config.js';

type Definitions = Record<string, JsonObject>;

function propertiesOf(definition: JsonObject | undefined): JsonObject {
  const schema = isObject(definition?.['Schema']) ? definition['Schema'] : {};
  return isObject(schema['properties']) ? schema['properties'] : {};
}

function looksLikeKubernetesType(definition: JsonObject): boolean {
  const props = propertiesOf(definition);
  return 'kind' in props && 'apiVersion' in props && 'metadata' in props;
}

interface Walk {
  config: TransformerConfig;
  kind: string;
  definitions: Definitions;
  seen: Set<string>;
}

function addProperty(walk: Walk, property: JsonObject, path: string[]): void {
  const spec = (p: string[]): FieldSpec => ({ kind: walk.kind, path: p.join('/') });
  const { config } = walk;
  if (typeof property['x-kubernetes-annotation'] === 'string') config.commonAnnotations.push(spec(path));
  if (typeof property['x-kubernetes-label-selector'] === 'string') config.commonLabels.push(spec(path));
  if (typeof property['x-kubernetes-identity'] === 'string') config.namePrefix.push(spec(path));
  const version = property['x-kubernetes-object-ref-api-version'];
  const kind = property['x-kubernetes-object-ref-kind'];
  if (typeof version === 'string' && typeof kind === 'string') {
    const nameKey = typeof property['x-kubernetes-object-ref-name-key'] === 'string' ? property['x-kubernetes-object-ref-name-key'] : 'name';
    config.nameReference.push({ target: { kind, version }, fieldSpecs: [spec([...path, nameKey])] });
  }
}

function walkType(walk: Walk, typeName: string, path: string[]): void {
  const definition = walk.definitions[typeName];
  if (definition === undefined || walk.seen.has(typeName)) return;
  walk.seen.add(typeName);
  for (const [name, property] of Object.entries(propertiesOf(definition))) {
    if (!isObject(property)) continue;
    addProperty(walk, property, [...path, name]);
    if (typeof property['$ref'] === 'string') walkType(walk, property['$ref'], [...path, name]);
  }
  walk.seen.delete(typeName);
}

function configFromDefinitions(definitions: Definitions): TransformerConfig {
  let out = emptyTransformerConfig();
  for (const [name, definition] of Object.entries(definitions)) {
    if (!looksLikeKubernetesType(definition)) continue;
    const walk: Walk = { config: emptyTransformerConfig(), kind: name.split('.').pop() ?? name, definitions, seen: new Set() };
    walkType(walk, name, []);
    out = mergeTransformerConfigs(out, walk.config);
  }
  return out;
}

/** Merges what the `crds` files declare into a configuration. */
export function loadCrdConfigurations(paths: readonly string[], loader: Loader, file: string): TransformerConfig {
  let out = emptyTransformerConfig();
  paths.forEach((path, i) => {
    const where = `${file}: crds[${i}] (${path})`;
    const text = loader.loadAs(path, `${file}: crds[${i}]`).toString('utf8');
    let doc: unknown;
    try {
      doc = text.trimStart().startsWith('{') ? JSON.parse(text) : loader.parseYaml(text, where)[0];
    } catch (error) {
      throw new InputError(`${where}: unable to parse open API definition from '${path}': ${messageOf(error)}`, { cause: error });
    }
    if (!isObject(doc)) throw new InputError(`${where}: unable to parse open API definition from '${path}'`);
    const definitions: Definitions = {};
    for (const [name, value] of Object.entries(doc)) if (isObject(value)) definitions[name] = value;
    out = mergeTransformerConfigs(out, configFromDefinitions(definitions));
  });
  return out;
}
