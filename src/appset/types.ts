/**
 * The ApplicationSet API as gantry reads it (argoproj.io/v1alpha1): generators, template, sync
 * policy, strategy and status. Unknown fields are kept by the CRD and ignored here.
 */
import type { KubeObject } from '../kube/index.js';

/** A JSON value as it appears in an ApplicationSet. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** One parameter set: flat `a.b` strings (fasttemplate) or nested values (goTemplate). */
export type ParamSet = Record<string, unknown>;

/** A Kubernetes label selector; Argo CD's post-selector allows any value. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A generator as written in spec.generators (or a matrix/merge child). */
export interface GeneratorSpec {
  list?: { elements?: Json[]; elementsYaml?: string; template?: JsonObject };
  clusters?: { selector?: LabelSelector; values?: Record<string, string>; flatList?: boolean; template?: JsonObject };
  git?: GitGeneratorSpec;
  matrix?: { generators?: GeneratorSpec[]; template?: JsonObject };
  merge?: { generators?: GeneratorSpec[]; mergeKeys?: string[]; template?: JsonObject };
  selector?: LabelSelector;
  [other: string]: unknown;
}

/** The git generator's spec. */
export interface GitGeneratorSpec {
  repoURL: string;
  revision?: string;
  directories?: { path: string; exclude?: boolean }[];
  files?: { path: string; exclude?: boolean }[];
  values?: Record<string, string>;
  pathParamPrefix?: string;
  requeueAfterSeconds?: number;
  template?: JsonObject;
}

/** The templating options of an ApplicationSet (spec.goTemplate, spec.goTemplateOptions). */
export interface TemplateMode {
  goTemplate: boolean;
  goTemplateOptions?: readonly string[];
}

/** spec.syncPolicy.applicationsSync. */
export type ApplicationsSyncPolicy = 'create-only' | 'create-update' | 'create-delete' | 'sync';

/** One RollingSync step. */
export interface RollingSyncStep {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  maxUpdate?: number | string;
}

/** The ApplicationSet spec. */
export interface ApplicationSetSpec {
  generators?: GeneratorSpec[];
  template?: JsonObject;
  templatePatch?: string;
  goTemplate?: boolean;
  goTemplateOptions?: string[];
  syncPolicy?: { applicationsSync?: ApplicationsSyncPolicy; preserveResourcesOnDeletion?: boolean };
  strategy?: { type?: string; rollingSync?: { steps?: RollingSyncStep[] } };
  applyNestedSelectors?: boolean;
}

/** A status condition as Argo CD writes it. */
export interface AppSetCondition {
  type: 'ErrorOccurred' | 'ParametersGenerated' | 'ResourcesUpToDate' | 'RolloutProgressing';
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** One Application's progress in a RollingSync (status.applicationStatus). */
export interface AppSetApplicationStatus {
  application: string;
  status: 'Waiting' | 'Pending' | 'Progressing' | 'Healthy' | string;
  message: string;
  step: string;
  lastTransitionTime?: string;
  targetRevisions?: string[];
}

/** The ApplicationSet status. */
export interface ApplicationSetStatus {
  conditions?: AppSetCondition[];
  applicationStatus?: AppSetApplicationStatus[];
  resources?: unknown[];
}

/** An ApplicationSet object. */
export interface ApplicationSet extends KubeObject {
  spec: ApplicationSetSpec;
  status?: ApplicationSetStatus;
}
