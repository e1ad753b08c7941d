import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignabilityError } from './compat.js';
import { inferType, type TypeEnv } from './typecheck.js';
import { celTypeOf, formatType, objectTypeOf } from './types.js';

const deployment = objectTypeOf({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        selector: { type: 'object', additionalProperties: { type: 'string' } },
        ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' } } } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
  },
});
const env: TypeEnv = new Map([['web', deployment]]);
const typeOf = (e: string): string => formatType(inferType(e, env));

test('field selection follows the OpenAPI schema', () => {
  assert.equal(typeOf('web.spec.replicas'), 'int');
  assert.equal(typeOf('web.spec.selector["app"]'), 'string');
  assert.equal(typeOf('web.spec.ports[0].port'), 'int');
  assert.equal(typeOf('web.metadata.labels'), 'map(string, string)');
  assert.equal(typeOf('web.spec.raw.anything.goes'), 'dyn');
  assert.throws(() => typeOf('web.spec.replica'), /undefined field 'replica'/);
  assert.throws(() => typeOf('web.metadata.name.first'), /does not support field selection/);
});

test('operators, macros and functions have CEL result types', () => {
  assert.equal(typeOf('web.spec.replicas + 1'), 'int');
  assert.throws(() => typeOf('web.metadata.name + 1'), /no matching overload for '_\+_'/);
  assert.equal(typeOf('web.spec.ports.map(p, p.name)'), 'list(string)');
  assert.equal(typeOf('web.spec.ports.filter(p, p.port > 80)'), 'list(object{port, name})');
  assert.equal(typeOf('web.spec.ports.all(p, p.port > 0)'), 'bool');
  assert.equal(typeOf('size(web.spec.ports) > 0 ? "many" : "none"'), 'string');
  assert.equal(typeOf('web.metadata.name.split("-")'), 'list(string)');
  assert.equal(typeOf('web.spec.?replicas.orValue(1)'), 'int');
  assert.equal(typeOf('cel.bind(n, web.spec.replicas, n * 2)'), 'int');
});

test('assignability: lists are not strings, objects may carry only declared fields', () => {
  const target = { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } };
  assert.equal(assignabilityError(inferType('web.spec.ports.map(p, p.name)', env), { type: 'string' }, 'x')?.startsWith('type mismatch'), true);
  assert.match(assignabilityError(inferType('web.spec.ports', env), target, 'x') ?? '', /field "port" exists in output but not in expected type/);
  assert.equal(assignabilityError(celTypeOf({ type: 'integer' }), { 'x-kubernetes-int-or-string': true }, 'x'), undefined);
  assert.match(assignabilityError(celTypeOf({ type: 'integer' }), { type: 'string' }, 'x') ?? '', /kind mismatch/);
});
