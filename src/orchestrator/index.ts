/**
 * orchestrator: kro-compatible composition. ResourceGraphDefinitions (kro.run/v1alpha1) become
 * generated kinds served by a CRD; each instance of such a kind is expanded into its resources in
 * dependency order. The pure parts (SimpleSchema, CRD synthesis, `${...}` expressions, CEL, the
 * resource graph) take data and return data; the controllers act through the kube layer.
 */

// ---- pure parts (branch kro): SimpleSchema, CRD synthesis, expressions, CEL, graph builder ----
export type {
  GroupVersionKind,
  FieldExpression,
  ForEachDimension,
  GraphResource,
  InstanceKind,
  ResourceGraph,
  SchemaResolver,
} from './graph/types.js';
export { parseMarkers, applyMarkers, MARKER_TYPES } from './schema/markers.js';
export type { Marker, MarkerType } from './schema/markers.js';
export { parseField, parseSpec, parseTypeString } from './schema/parse-field.js';
export type { FieldType } from './schema/parse-field.js';
export type { JSONSchemaProps } from './schema/openapi-types.js';
export { toOpenAPISpec } from './schema/to-openapi.js';
export {
  synthesizeCRD,
  newCRD,
  newCRDSchema,
  pluralize,
  DEFAULT_PRINTER_COLUMNS,
  DEFAULT_CONDITIONS_SCHEMA,
  DEFAULT_STATE_SCHEMA,
} from './schema/crd.js';
export type { CrdOptions, PrinterColumn, NewCrdInput, SynthesizeCrdInput } from './schema/crd.js';
export { createDag, CycleError } from './graph/dag.js';
export type { Dag } from './graph/dag.js';
export {
  extractExpressions,
  isStandaloneExpression,
  buildStringTemplate,
  NestedExpressionError,
} from './expressions/extract.js';
export type { ExpressionMatch } from './expressions/extract.js';
export { parseSchemalessResource, joinPath } from './expressions/schemaless.js';
export type { TemplateField, SchemalessParse } from './expressions/schemaless.js';
export { parseCel, rewriteOptionalSyntax } from './cel/parse.js';
export { inspectExpression } from './cel/inspect.js';
export type { Inspection, InspectOptions, Reference, FunctionCall } from './cel/inspect.js';
export { createCelEvaluator, evaluateExpression } from './cel/evaluate.js';
export type { CelEvaluator, EvalResult, Bindings } from './cel/evaluate.js';
export { inferType, CelTypeError } from './cel/typecheck.js';
export type { TypeEnv } from './cel/typecheck.js';
export { celTypeOf, objectTypeOf, formatType } from './cel/types.js';
export type { CelT } from './cel/types.js';
export { assignabilityError } from './cel/compat.js';
export { buildResourceGraph } from './graph/build-graph.js';
export type { BuildOptions } from './graph/build-graph.js';
export { apiVersionOf, parseGvk } from './graph/resource-node.js';
export { RESERVED_WORDS } from './graph/validate.js';
export { schemaAtPath } from './graph/template-check.js';
export { parseFieldPath, getAtPath, setAtPath, deleteAtPath } from './graph/field-path.js';
export type { PathSegment } from './graph/field-path.js';
export { normalizeSchema } from './schema/normalize.js';
// ---- end of pure parts ----

// ---- acting parts (branch kro-runtime): instance step planning, controllers, golden paths ----
export type { Evaluation, ExpressionEvaluator } from './instance/evaluator.js';
export { adaptCelEvaluator } from './instance/kro-evaluator.js';
export { expandResource, renderTemplate, expandIterators } from './instance/expand.js';
export type { Expansion, ExpandContext } from './instance/expand.js';
export { planInstanceStep, schemaVariable } from './instance/plan-step.js';
export type { InstanceStep, ResourceOutcome, ResourcePhase, StepInput } from './instance/plan-step.js';
export { planDeletion } from './instance/plan-deletion.js';
export type { DeletionStep } from './instance/plan-deletion.js';
export { buildInstanceStatus } from './instance/instance-status.js';
export type { InstanceState, Condition } from './instance/instance-status.js';
export { createInstanceController } from './instance/instance-controller.js';
export type { InstanceController, InstanceControllerOptions } from './instance/instance-controller.js';
export * as kroLabels from './instance/labels.js';
export { RGD_CRD } from './rgd/rgd-crd.js';
export { createOrchestrator, installRgdApi } from './rgd/rgd-controller.js';
export type { GraphBuilder, Orchestrator, OrchestratorOptions } from './rgd/rgd-controller.js';
export { createSchemaResolver } from './rgd/schema-resolver.js';
export type { KubeSchemaResolver } from './rgd/schema-resolver.js';
export { buildRgdStatus } from './rgd/rgd-status.js';
export { loadGoldenPaths, installGoldenPaths, servedVersionsOf } from './golden/golden-paths.js';
export { adaptToCluster } from './golden/adapt.js';
export { createDefaultOrchestrator } from './default-orchestrator.js';
// ---- end of acting parts ----
