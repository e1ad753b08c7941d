/**
 * The kustomization file: finding it in a directory (kustomization.yaml, .yml or Kustomization),
 * reading it, checking its kind and fields, and typed access to its fields with errors that name
 * the file and the field at fault.
 */
import { InputError, messageOf } from '../../core/index.js';
import type { MemoryFileSystem } from './file-system.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { checkKustomizationShape } from './kustomization-schema.js';
import { parseGoYaml } from '../helm/go-yaml-read.js';

/** The file names kustomize recognises, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;



const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/** A loaded kustomization file. */
export interface Kustomization {
  /** Absolute path of the file. */
  file: string;
  /** Absolute path of its directory (the kustomization root). */
  dir: string;
  kind: 'Kustomization' | 'Component';
  doc: JsonObject;
}

/** Finds and reads the kustomization in a directory; throws when there is none or more than one. */
export function loadKustomization(fs: MemoryFileSystem, dir: string): Kustomization {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const found = KUSTOMIZATION_FILE_NAMES.map((n) => `${prefix}${n}`).filter((p) => fs.isFile(p));
  if (found.length > 1) throw new InputError(`Found multiple kustomization files under: ${dir}`);
  const file = found[0];
  if (file === undefined) {
    throw new InputError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  }
  // kustomize decodes its kustomization file as YAML 1.1 (yes/no/on/off/y/n are booleans), then as JSON.
  let doc: JsonValue;
  try {
    doc = parseGoYaml((fs.read(file) ?? Buffer.alloc(0)).toString('utf8')) as JsonValue;
  } catch (error) {
    throw new InputError(`${file}: invalid YAML: ${messageOf(error)}`, { cause: error });
  }
  doc ??= {};
  if (!isObject(doc)) throw new InputError(`${file}: a kustomization must be a YAML mapping`);
  return { file, dir, kind: checkKind(file, doc), doc };
}

function checkKind(file: string, doc: JsonObject): 'Kustomization' | 'Component' {
  checkKustomizationShape(file, doc);
  const kind = doc['kind'] ?? 'Kustomization';
  const apiVersion = doc['apiVersion'];
  if (kind === 'Component') {
    if (apiVersion !== undefined && apiVersion !== COMPONENT_VERSION) {
      throw new InputError(`${file}: apiVersion for Component should be ${COMPONENT_VERSION}`);
    }
    return 'Component';
  }
  if (kind !== 'Kustomization') throw new InputError(`${file}: field kind: expected Kustomization or Component, got '${String(kind)}'`);
  if (apiVersion !== undefined && apiVersion !== KUSTOMIZATION_VERSION && apiVersion !== 'kustomize.config.k8s.io/v1') {
    throw new InputError(`${file}: apiVersion for Kustomization should be ${KUSTOMIZATION_VERSION}`);
  }
  return 'Kustomization';
}

function fieldError(k: Kustomization, field: string, expected: string): InputError {
  return new InputError(`${k.file}: field ${field}: expected ${expected}`);
}

/** A string field ('' when absent). */
export function stringField(k: Kustomization, field: string): string {
  const v = k.doc[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw fieldError(k, field, 'a string');
  return v;
}

/** A list of strings ([] when absent). */
export function stringListField(k: Kustomization, field: string): string[] {
  const v = k.doc[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw fieldError(k, field, 'a list of strings');
  return v as string[];
}

/** A list of objects ([] when absent). */
export function objectListField(k: Kustomization, field: string): JsonObject[] {
  const v = k.doc[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isObject)) throw fieldError(k, field, 'a list of objects');
  return v as JsonObject[];
}

/** A map of strings ({} when absent); scalar values are turned into strings as kustomize does. */
export function stringMapField(k: Kustomization, field: string, value: JsonValue | undefined = k.doc[field]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw fieldError(k, field, 'a map of strings');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isObject(v) || Array.isArray(v)) throw fieldError(k, `${field}.${key}`, 'a string');
    out[key] = v === null ? '' : String(v);
  }
  return out;
}
