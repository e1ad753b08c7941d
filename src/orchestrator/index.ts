/**
 * orchestrator: kro-compatible composition. ResourceGraphDefinitions (kro.run/v1alpha1) become
 * generated kinds served by a CRD; each instance of such a kind is expanded into its resources in
 * dependency order. The pure parts (SimpleSchema, CRD synthesis, `${...}` expressions, CEL, the
 * resource graph, and the instance step planner) take data and return data; the controllers act
 * through the kube layer.
 */
export type { GroupVersionKind, FieldExpression, ForEachDimension, GraphResource, InstanceKind, ResourceGraph, SchemaResolver } from './graph/types.js';
export type { Evaluation, ExpressionEvaluator } from './instance/evaluator.js';
export { createCelEvaluator } from './instance/cel-evaluator.js';
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
