import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexDefinitions, schemaForKind, type OpenApiV2 } from './openapi-v2.js';

const doc: OpenApiV2 = {
  definitions: {
    'io.k8s.api.core.v1.Service': {
      type: 'object',
      description: 'dropped',
      properties: { metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, spec: { $ref: '#/definitions/io.k8s.api.core.v1.ServiceSpec' } },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Service' }],
    },
    'io.k8s.api.core.v1.ServiceSpec': { type: 'object', properties: { ports: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.ServicePort' } } } },
    'io.k8s.api.core.v1.ServicePort': { type: 'object', properties: { port: { type: 'integer', format: 'int32' }, targetPort: { type: 'string', format: 'int-or-string' } } },
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: 'object', properties: { name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
    'io.k8s.apiextensions.v1.JSONSchemaProps': { type: 'object', properties: { items: { $ref: '#/definitions/io.k8s.apiextensions.v1.JSONSchemaProps' } }, 'x-kubernetes-group-version-kind': [{ group: 'x', version: 'v1', kind: 'Recursive' }] },
  },
};

test('a kind schema has its references inlined and int-or-string marked as in a structural schema', () => {
  const schema = schemaForKind(doc, indexDefinitions(doc), { group: '', version: 'v1', kind: 'Service' });
  assert.deepEqual(schema, {
    type: 'object',
    properties: {
      metadata: { type: 'object', properties: { name: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
      spec: { type: 'object', properties: { ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer', format: 'int32' }, targetPort: { 'x-kubernetes-int-or-string': true } } } } } },
    },
  });
});

test('a recursive reference stops at an open object; an unknown kind has no schema', () => {
  const schema = schemaForKind(doc, indexDefinitions(doc), { group: 'x', version: 'v1', kind: 'Recursive' });
  assert.deepEqual(schema, { type: 'object', properties: { items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } });
  assert.equal(schemaForKind(doc, indexDefinitions(doc), { group: 'apps', version: 'v1', kind: 'Deployment' }), undefined);
});

test('a Quantity (a string in v2) accepts numbers, as in v3', () => {
  const d: OpenApiV2 = {
    definitions: {
      'io.k8s.api.core.v1.LimitRange': { type: 'object', properties: { max: { type: 'object', additionalProperties: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' } } }, 'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'LimitRange' }] },
      'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
    },
  };
  assert.deepEqual(schemaForKind(d, indexDefinitions(d), { group: '', version: 'v1', kind: 'LimitRange' }), { type: 'object', properties: { max: { type: 'object', additionalProperties: { 'x-kubernetes-int-or-string': true } } } });
});
