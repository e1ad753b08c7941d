/**
 * The CustomResourceDefinition gantry serves for kro.run/v1alpha1 ResourceGraphDefinition: kro's
 * group, names, short name `rgd`, cluster scope, printer columns and status subresource, with a
 * structural schema that types the fields the controller reads and preserves every other field,
 * so an RGD written for any kro version is accepted and round-trips unchanged.
 */
import type { KubeObject } from '../../kube/index.js';

const preserved = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

const resourceSchema = {
  type: 'object',
  required: ['id'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    id: { type: 'string' },
    template: preserved,
    externalRef: preserved,
    readyWhen: { type: 'array', items: { type: 'string' } },
    includeWhen: { type: 'array', items: { type: 'string' } },
    forEach: { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
  },
};

const schemaSchema = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  'x-kubernetes-preserve-unknown-fields': true,
  properties: {
    apiVersion: { type: 'string', pattern: '^v[0-9]+(alpha[0-9]+|beta[0-9]+)?$' },
    kind: { type: 'string', pattern: '^[A-Z][a-zA-Z0-9]{0,62}$' },
    group: { type: 'string', default: 'kro.run' },
    spec: preserved,
    status: preserved,
    types: preserved,
  },
};

/** The ResourceGraphDefinition CRD. */
export const RGD_CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'resourcegraphdefinitions.kro.run', labels: { 'app.kubernetes.io/part-of': 'gantry' } },
  spec: {
    group: 'kro.run',
    names: { kind: 'ResourceGraphDefinition', listKind: 'ResourceGraphDefinitionList', plural: 'resourcegraphdefinitions', singular: 'resourcegraphdefinition', shortNames: ['rgd'] },
    scope: 'Cluster',
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'APIVERSION', type: 'string', jsonPath: '.spec.schema.apiVersion' },
          { name: 'KIND', type: 'string', jsonPath: '.spec.schema.kind' },
          { name: 'STATE', type: 'string', jsonPath: '.status.state' },
          { name: 'READY', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'TOPOLOGICALORDER', type: 'string', jsonPath: '.status.topologicalOrder', priority: 1 },
          { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['schema'],
                'x-kubernetes-preserve-unknown-fields': true,
                properties: { schema: schemaSchema, resources: { type: 'array', items: resourceSchema } },
              },
              status: preserved,
            },
          },
        },
      },
    ],
  },
};
