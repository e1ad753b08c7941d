/**
 * Label selectors as the ApplicationSet controller evaluates them: matchLabels and matchExpressions
 * (In, NotIn, Exists, DoesNotExist) over a flat string map. Argo CD's own copy of
 * LabelSelectorAsSelector puts no limit on values, so URLs and paths can be matched.
 */
import { InputError } from '../../core/index.js';
import type { LabelSelector } from '../types.js';

/** A compiled selector: true when the labels match. */
export type LabelMatcher = (labels: Readonly<Record<string, string>>) => boolean;

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function requirement(e: { key: string; operator: string; values?: string[] }): Requirement {
  const values = e.values ?? [];
  const has = (l: Readonly<Record<string, string>>): boolean => Object.prototype.hasOwnProperty.call(l, e.key);
  switch (e.operator) {
    case 'In':
      if (values.length === 0) throw new InputError(`label selector: operator In on ${e.key} needs at least one value`);
      return (l) => has(l) && values.includes(l[e.key] as string);
    case 'NotIn':
      if (values.length === 0) throw new InputError(`label selector: operator NotIn on ${e.key} needs at least one value`);
      return (l) => !has(l) || !values.includes(l[e.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return (l) => !has(l);
    default:
      throw new InputError(`label selector: ${JSON.stringify(e.operator)} is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)`);
  }
}

/** True when a selector has no requirement (it selects everything). */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0;
}

/** Compiles a selector; throws an InputError naming the bad requirement. */
export function compileSelector(selector: LabelSelector | undefined): LabelMatcher {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) reqs.push((l) => l[key] === value);
  for (const e of selector?.matchExpressions ?? []) reqs.push(requirement(e));
  return (labels) => reqs.every((r) => r(labels));
}
