/**
 * Which value source set a key, so a schema violation names the file to fix: the highest-precedence
 * source holding the key (parameters, valuesObject or values, value files last to first), else
 * the chart's own values.yaml.
 */
import type { Values } from './chart.js';
import { isYamlMap } from './go-yaml-read.js';
import type { ValueSources } from './value-sources.js';
import { parseValuesText } from './value-sources.js';

/** True when a values tree has the key (a path of map keys and list indexes). */
export function holds(values: Values, key: readonly string[]): boolean {
  let cur: unknown = values;
  for (const part of key) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (isYamlMap(cur) && Object.prototype.hasOwnProperty.call(cur, part)) cur = cur[part];
    else return false;
  }
  return true;
}

function parsedOrEmpty(text: string, file: string): Values {
  try {
    return parseValuesText(text, file);
  } catch {
    return {};
  }
}

function inlineOrigin(sources: ValueSources, key: readonly string[]): string | undefined {
  if (sources.valuesObject !== undefined) return holds(sources.valuesObject, key) ? 'valuesObject' : undefined;
  const values = typeof sources.values === 'string' ? parsedOrEmpty(sources.values, 'values') : sources.values;
  return values !== undefined && holds(values, key) ? 'values' : undefined;
}

/**
 * Names where a dotted key ("image.tag", relative to the chart at `chartPath` below the root, "" for
 * the root chart) got its value; undefined for a key no source holds.
 */
export function valueOrigin(files: ReadonlyMap<string, Buffer>, sources: ValueSources, where: { chartPath: string; key: string }): string | undefined {
  if (where.key === '' || where.key === '(root)') return undefined;
  const relative = where.key.split('.');
  const key = [...(where.chartPath === '' ? [] : where.chartPath.split('.')), ...relative];
  const dotted = key.join('.');
  const parameter = [...(sources.parameters ?? [])].reverse().find((p) => p.name === dotted || dotted.startsWith(`${p.name}.`) || p.name.startsWith(`${dotted}.`));
  if (parameter !== undefined) return `parameter ${parameter.name}`;
  const inline = inlineOrigin(sources, key);
  if (inline !== undefined) return inline;
  for (const file of [...(sources.valueFiles ?? [])].reverse()) {
    const data = files.get(file) ?? files.get(file.replace(/^\.\//, ''));
    if (data !== undefined && holds(parsedOrEmpty(data.toString('utf8'), file), key)) return file;
  }
  return undefined;
}
