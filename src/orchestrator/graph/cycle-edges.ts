/**
 * Names the expressions that make one resource read another, so a rejected cycle says which
 * `${...}` to change, not only which resources are on it.
 */
import { inspectExpression } from '../cel/inspect.js';
import type { CheckedResource } from './resource-checks.js';

function reads(expression: string, id: string): boolean {
  try {
    return inspectExpression(expression, { resources: [id] }).resourceDependencies.some((r) => r.id === id);
  } catch {
    // The expression was parsed and type-checked already; failing here would only lose detail.
    return false;
  }
}

/** Each place in a checked resource that reads `to`: `field <path> ${expr}`, `forEach <name> ${expr}`, `includeWhen ${expr}`. */
export function expressionsReading(resource: CheckedResource, to: string): string[] {
  return [
    ...resource.fields.filter((f) => f.dependencies.includes(to)).map((f) => `field ${f.path} \${${f.expression}}`),
    ...resource.forEach.filter((d) => reads(d.expression, to)).map((d) => `forEach ${d.name} \${${d.expression}}`),
    ...resource.includeWhen.filter((e) => reads(e, to)).map((e) => `includeWhen \${${e}}`),
  ];
}

/** For a cycle `[a, b, ..., a]`: one line per step, `resource "a" reads b in field ... ${...}`. */
export function describeCycle(cycle: readonly string[], checked: ReadonlyMap<string, CheckedResource>): string[] {
  return cycle.slice(0, -1).map((from, i) => {
    const to = cycle[i + 1] ?? '';
    const resource = checked.get(from);
    const where = resource ? expressionsReading(resource, to) : [];
    return `resource ${JSON.stringify(from)} reads ${to} in ${where.length > 0 ? where.join(', ') : 'an expression'}`;
  });
}
