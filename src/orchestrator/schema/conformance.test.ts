import { test } from 'node:test';
import { assertFloor, corpusSkip, diffOf, readCorpusJson, readVectors, tally } from '../testing/corpus.js';
import { applyMarkers, parseMarkers } from './markers.js';
import type { JSONSchemaProps } from './openapi-types.js';
import { parseField, parseSpec } from './parse-field.js';
import { toOpenAPISpec } from './to-openapi.js';
import { newCRD, newCRDSchema, synthesizeCRD, type CrdOptions, type PrinterColumn } from './crd.js';

const skip = corpusSkip();

interface ErrorCase {
  name: string;
  expectError?: boolean;
}

/** Judges a case that either throws (expectError) or returns a value checked by `compare`. */
function judge<T>(c: ErrorCase, run: () => T, compare: (got: T) => string | undefined): string | undefined {
  let got: T;
  try {
    got = run();
  } catch (error) {
    return c.expectError ? undefined : `unexpected error: ${(error as Error).message}`;
  }
  if (c.expectError) return `expected an error, got ${JSON.stringify(got)}`;
  return compare(got);
}

test('kro simpleschema-parse-markers conformance', { skip }, () => {
  type Case = ErrorCase & { input: string; expected?: unknown[] };
  const cases = readVectors<Case>('simpleschema-parse-markers.jsonl');
  const passed = tally('simpleschema-parse-markers.jsonl', cases, (c) => judge(c, () => parseMarkers(c.input), (got) => diffOf(got, c.expected)));
  assertFloor(passed, cases.length);
});

test('kro simpleschema-parse-field conformance', { skip }, () => {
  type Case = ErrorCase & { function: string; input: unknown; expectedType?: unknown; expectedMarkerCount?: number };
  const cases = readVectors<Case>('simpleschema-parse-field.jsonl');
  const passed = tally('simpleschema-parse-field.jsonl', cases, (c) => {
    if (c.function === 'parseSpec') return judge(c, () => parseSpec(c.input), (got) => diffOf(got, c.expectedType));
    return judge(
      c,
      () => parseField(c.input as string),
      (got) => diffOf({ type: got.type, count: got.markers.length }, { type: c.expectedType, count: c.expectedMarkerCount ?? 0 }),
    );
  });
  assertFloor(passed, cases.length);
});

test('kro simpleschema-apply-markers conformance', { skip }, () => {
  type Case = ErrorCase & { schemaType: string; markers: string; fieldName: string; expectedSchema?: unknown; expectedParent?: unknown };
  const cases = readVectors<Case>('simpleschema-apply-markers.jsonl');
  const passed = tally('simpleschema-apply-markers.jsonl', cases, (c) => {
    const schema: JSONSchemaProps = { type: c.schemaType };
    const parent: JSONSchemaProps = {};
    return judge(
      c,
      () => applyMarkers(schema, parseMarkers(c.markers), c.fieldName, parent),
      () => diffOf(schema, c.expectedSchema) ?? diffOf(parent, c.expectedParent ?? {}),
    );
  });
  assertFloor(passed, cases.length);
});

function valueAt(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), obj);
}

test('kro simpleschema-to-openapi conformance', { skip }, () => {
  type Case = ErrorCase & { spec: Record<string, unknown>; types?: Record<string, unknown>; expected?: unknown; expectedPartial?: Record<string, unknown> };
  const cases = readVectors<Case>('simpleschema-to-openapi.jsonl');
  const passed = tally('simpleschema-to-openapi.jsonl', cases, (c) =>
    judge(
      c,
      () => toOpenAPISpec(c.spec, c.types),
      (got) => {
        if (c.expected !== undefined) return diffOf(got, c.expected);
        for (const [path, want] of Object.entries(c.expectedPartial ?? {})) {
          const d = diffOf(valueAt(got, path), want);
          if (d) return `${path}: ${d}`;
        }
        return undefined;
      },
    ),
  );
  assertFloor(passed, cases.length);
});

/** Resolves a dotted CRD path such as `spec.versions[0].name` or `spec.versions.length`. */
function crdValue(obj: unknown, path: string): unknown {
  let at = obj;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (part === 'length' && Array.isArray(at)) return at.length;
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  }
  return at;
}

function crdExpectation(got: unknown, path: string, want: unknown): string | undefined {
  if (path.endsWith('propertiesInclude')) {
    const props = crdValue(got, path.replace(/\.?propertiesInclude$/, '.properties').replace(/^\./, '')) as Record<string, unknown> | undefined;
    const missing = (want as string[]).filter((k) => !props || !(k in props));
    return missing.length ? `${path}: missing ${missing.join(', ')}` : undefined;
  }
  const value = crdValue(got, path);
  if (want === 'present') return value === undefined || value === null ? `${path}: absent` : undefined;
  const d = diffOf(value ?? null, want);
  return d ? `${path}: ${d}` : undefined;
}

test('kro crd-synthesis conformance', { skip }, () => {
  type Input = {
    group: string;
    apiVersion: string;
    kind: string;
    scope: 'Namespaced' | 'Cluster';
    spec: JSONSchemaProps;
    status: JSONSchemaProps;
    statusFieldsOverride: boolean;
    openAPIV3Schema: JSONSchemaProps;
    rgdSchema: CrdOptions;
  };
  type Case = { name: string; function: string; input: Input; expected: Record<string, unknown> };
  const defaults = readCorpusJson<{ defaultAdditionalPrinterColumns: PrinterColumn[] }>('crd-defaults.json');
  const cases = readVectors<Case>('crd-synthesis.jsonl');
  const passed = tally('crd-synthesis.jsonl', cases, (c) => {
    const i = c.input;
    const target = { group: i.group, version: i.apiVersion, kind: i.kind, scope: i.scope, options: i.rgdSchema };
    let got: unknown;
    if (c.function === 'SynthesizeCRD') got = synthesizeCRD({ ...target, spec: i.spec, status: i.status, statusFieldsOverride: i.statusFieldsOverride });
    else if (c.function === 'newCRD') got = newCRD({ ...target, schema: i.openAPIV3Schema });
    else got = newCRDSchema(i.spec, i.status, i.statusFieldsOverride);
    for (const [path, want] of Object.entries(c.expected)) {
      const failure = crdExpectation(got, path, want);
      if (failure) return failure;
    }
    if (c.function === 'SynthesizeCRD' && !c.input.rgdSchema.additionalPrinterColumns) {
      return diffOf(crdValue(got, 'spec.versions[0].additionalPrinterColumns'), defaults.defaultAdditionalPrinterColumns);
    }
    return undefined;
  });
  assertFloor(passed, cases.length);
});
