/**
 * A loaded Helm chart: Chart.yaml metadata, default values, schema, templates, other files and
 * subcharts, plus the `.Chart` value templates see (Helm's chart.Metadata with IsRoot).
 */
import { GoStruct, withGoType } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import { isYamlMap } from './go-yaml-read.js';
import type { YamlValue } from './go-yaml-read.js';

/** A values tree: JSON-shaped, as Helm holds values. */
export type Values = { [key: string]: YamlValue };

/** One entry of Chart.yaml's dependencies (or requirements.yaml of apiVersion v1). */
export interface ChartDependency {
  readonly name: string;
  readonly version: string;
  readonly repository: string;
  readonly condition: string;
  readonly tags: readonly string[];
  readonly importValues: readonly YamlValue[];
  readonly alias: string;
  readonly enabled: boolean;
}

/** A maintainer of Chart.yaml. */
export interface ChartMaintainer {
  readonly name: string;
  readonly email: string;
  readonly url: string;
}

/** Chart.yaml, with Helm's defaults for absent fields. */
export interface ChartMetadata {
  readonly name: string;
  readonly home: string;
  readonly sources: readonly string[] | undefined;
  readonly version: string;
  readonly description: string;
  readonly keywords: readonly string[] | undefined;
  readonly maintainers: readonly ChartMaintainer[] | undefined;
  readonly icon: string;
  readonly apiVersion: string;
  readonly condition: string;
  readonly tags: string;
  readonly appVersion: string;
  readonly deprecated: boolean;
  readonly annotations: Readonly<Record<string, string>> | undefined;
  readonly kubeVersion: string;
  readonly dependencies: readonly ChartDependency[];
  readonly type: string;
}

/** A template file: its path inside the chart ("templates/deployment.yaml") and its text. */
export interface ChartTemplate {
  readonly name: string;
  readonly data: string;
}

/** A chart and its subcharts, as Helm's loader builds it. */
export interface HelmChart {
  readonly metadata: ChartMetadata;
  readonly values: Values;
  readonly schema: YamlValue | undefined;
  readonly templates: readonly ChartTemplate[];
  /** Every other file (README, crds/, config files), keyed by path inside the chart. */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly dependencies: readonly HelmChart[];
}

function text(v: YamlValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function strings(v: YamlValue | undefined): string[] | undefined {
  return Array.isArray(v) ? v.map((e) => text(e)) : undefined;
}

function parseDependency(v: YamlValue): ChartDependency {
  const d = isYamlMap(v) ? v : {};
  return {
    name: text(d['name']),
    version: text(d['version']),
    repository: text(d['repository']),
    condition: text(d['condition']),
    tags: strings(d['tags']) ?? [],
    importValues: Array.isArray(d['import-values']) ? d['import-values'] : [],
    alias: text(d['alias']),
    enabled: d['enabled'] === true,
  };
}

function parseMaintainers(v: YamlValue | undefined): ChartMaintainer[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((m) => {
    const o = isYamlMap(m) ? m : {};
    return { name: text(o['name']), email: text(o['email']), url: text(o['url']) };
  });
}

function parseAnnotations(v: YamlValue | undefined): Record<string, string> | undefined {
  if (!isYamlMap(v)) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, text(e)]));
}

/** Reads Chart.yaml's parsed content into metadata with Helm's zero values. */
export function parseChartMetadata(doc: YamlValue, extraDependencies: readonly YamlValue[] = []): ChartMetadata {
  const m = isYamlMap(doc) ? doc : {};
  const deps = [...(Array.isArray(m['dependencies']) ? m['dependencies'] : []), ...extraDependencies];
  return {
    name: text(m['name']),
    home: text(m['home']),
    sources: strings(m['sources']),
    version: text(m['version']),
    description: text(m['description']),
    keywords: strings(m['keywords']),
    maintainers: parseMaintainers(m['maintainers']),
    icon: text(m['icon']),
    apiVersion: text(m['apiVersion']),
    condition: text(m['condition']),
    tags: text(m['tags']),
    appVersion: text(m['appVersion']),
    deprecated: m['deprecated'] === true,
    annotations: parseAnnotations(m['annotations']),
    kubeVersion: text(m['kubeVersion']),
    dependencies: deps.map(parseDependency),
    type: text(m['type']),
  };
}

function stringList(v: readonly string[] | undefined): GoValue {
  return withGoType(v === undefined ? [] : [...v], '[]string');
}

function dependencyValue(d: ChartDependency): GoValue {
  return new GoStruct('*chart.Dependency', {
    Name: d.name,
    Version: d.version,
    Repository: d.repository,
    Condition: d.condition,
    Tags: stringList(d.tags),
    Enabled: d.enabled,
    ImportValues: [...d.importValues] as GoValue[],
    Alias: d.alias,
  });
}

function maintainersValue(list: readonly ChartMaintainer[] | undefined): GoValue {
  const items = (list ?? []).map((m) => new GoStruct('*chart.Maintainer', { Name: m.name, Email: m.email, URL: m.url }));
  return withGoType(items, '[]*chart.Maintainer');
}

/** The `.Chart` value: Helm's chart.Metadata fields, capitalised, plus IsRoot. */
export function chartValue(m: ChartMetadata, isRoot: boolean): GoStruct {
  const annotations: GoMap | null = m.annotations === undefined ? null : withGoType({ ...m.annotations }, 'map[string]string');
  return new GoStruct('struct { chart.Metadata; IsRoot bool }', {
    Name: m.name,
    Home: m.home,
    Sources: stringList(m.sources),
    Version: m.version,
    Description: m.description,
    Keywords: stringList(m.keywords),
    Maintainers: maintainersValue(m.maintainers),
    Icon: m.icon,
    APIVersion: m.apiVersion,
    Condition: m.condition,
    Tags: m.tags,
    AppVersion: m.appVersion,
    Deprecated: m.deprecated,
    Annotations: annotations,
    KubeVersion: m.kubeVersion,
    Dependencies: withGoType(m.dependencies.map(dependencyValue), '[]*chart.Dependency'),
    Type: m.type,
    IsRoot: isRoot,
  });
}
