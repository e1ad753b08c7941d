/**
 * The contract between the orchestrator's pure graph builder and its controllers: what a
 * ResourceGraphDefinition means once it has been parsed, checked and ordered.
 */

/** A group/version/kind; `group` is '' for the core API. */
export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** One `${...}` occurrence set at a field path of a template (or of the instance's status). */
export interface FieldExpression {
  /** Field path in kro's notation, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  /** The CEL expression to evaluate; a string template is already turned into a concatenation. */
  expression: string;
  /** True when the field's whole value is one `${...}` (the result keeps its type). */
  standalone: boolean;
  /** Ids of resources (and `schema` for the instance) the expression reads. */
  dependencies: string[];
}

/** One iterator of `forEach`: `name` is bound to each element of the list `expression` yields. */
export interface ForEachDimension {
  name: string;
  expression: string;
}

/** One entry of `spec.resources[]`, checked and resolved. */
export interface GraphResource {
  id: string;
  gvk: GroupVersionKind;
  /** From discovery (or the resolver); decides whether the instance namespace applies. */
  namespaced: boolean;
  /** The template as written (expressions unevaluated); absent for externalRef. */
  template?: Record<string, unknown>;
  /** A reference to an existing object, read and never written. */
  externalRef?: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
  fields: FieldExpression[];
  readyWhen: string[];
  includeWhen: string[];
  forEach: ForEachDimension[];
  /** Ids this resource reads, from its expressions alone. */
  dependencies: string[];
}

/** The generated kind an RGD serves. */
export interface InstanceKind {
  gvk: GroupVersionKind;
  plural: string;
  /** The CustomResourceDefinition to register (apiextensions.k8s.io/v1 JSON). */
  crd: Record<string, unknown>;
  /** `spec.schema.status` fields, projected from resources after each step. */
  statusFields: FieldExpression[];
}

/** A ResourceGraphDefinition after parsing, type-checking and ordering. */
export interface ResourceGraph {
  instance: InstanceKind;
  resources: GraphResource[];
  /** Resource ids in creation order (dependencies first; ties in declaration order). */
  topologicalOrder: string[];
}

/** Answers what the cluster knows of a kind: its OpenAPI schema and scope; undefined when unknown. */
export interface SchemaResolver {
  resolve(gvk: GroupVersionKind): Promise<{ schema: Record<string, unknown>; namespaced: boolean } | undefined>;
}
