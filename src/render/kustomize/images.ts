/**
 * The images transformer: rewrites container images whose name matches (new name, new tag,
 * digest), in every containers and initContainers list and at the image field specs.
 */
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import type { Resource } from './resource.js';

/** One `images` entry of a kustomization. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Splits an image reference into name, tag and digest as kustomize does. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (colon < 0 && at < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, offset + at), tag: '', digest: image.slice(offset + at + 1) };
  if (at >= 0 && colon >= 0) {
    return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1, offset + at), digest: image.slice(offset + at + 1) };
  }
  return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1), digest: '' };
}

function matches(image: string, name: string): boolean {
  try {
    return new RegExp(`^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$`).test(image);
  } catch {
    return image === name;
  }
}

/** The image reference after applying an override, or the same reference when it does not match. */
export function overrideImage(image: string, o: ImageOverride): string {
  if (!matches(image, o.name)) return image;
  let { name, tag, digest } = splitImage(image);
  if (o.newName) name = o.newName;
  if (o.newTag && o.digest) [tag, digest] = [o.newTag, o.digest];
  else if (o.newTag) [tag, digest] = [o.newTag, ''];
  else if (o.digest) [tag, digest] = ['', o.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function scanContainers(node: JsonValue, o: ImageOverride): void {
  if (Array.isArray(node)) {
    for (const item of node) scanContainers(item, o);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) if (isObject(c) && typeof c['image'] === 'string') c['image'] = overrideImage(c['image'], o);
    }
    scanContainers(value, o);
  }
}

/** Applies image overrides to every resource. */
export function applyImages(resources: readonly Resource[], overrides: readonly ImageOverride[], specs: readonly FieldSpec[]): void {
  for (const o of overrides) {
    for (const resource of resources) {
      scanContainers(resource.obj, o);
      const gvk = resource.id();
      for (const spec of specs) {
        visitFieldSpec(resource.obj, gvk, { ...spec, create: false }, (holder, key) => {
          const v = holder[key];
          if (typeof v === 'string') holder[key] = overrideImage(v, o);
        });
      }
    }
  }
}

/** Reads an `images` entry. */
export function toImageOverride(entry: JsonObject): ImageOverride {
  const o: ImageOverride = { name: String(entry['name'] ?? '') };
  for (const key of ['newName', 'newTag', 'digest'] as const) {
    const v = entry[key];
    if (v !== undefined && v !== null) o[key] = String(v);
  }
  return o;
}
