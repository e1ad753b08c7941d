/**
 * Helm's template engine (pkg/engine Render): every template of a chart and its subcharts parsed
 * into one set (deeper charts first, so a parent's defines win), then each non-partial template
 * executed with its chart's scope (.Values, .Chart, .Files, .Subcharts, .Template, .Release,
 * .Capabilities). Output is keyed as Helm keys it: "<chart>/templates/<file>", subcharts under
 * "<chart>/charts/<sub>/templates/<file>".
 */
import path from 'node:path';
import { TemplateError } from '../gotemplate/errors.js';
import type { MissingKey } from '../gotemplate/exec.js';
import { TemplateSet } from '../gotemplate/template-set.js';
import type { FuncMap } from '../gotemplate/template-set.js';
import { isGoMap } from '../gotemplate/value.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import type { HelmChart } from './chart.js';
import { chartValue } from './chart.js';
import { createFiles } from './files.js';
import type { HelmFuncOptions } from './helm-funcs.js';
import { helmFuncs, WARN_END, WARN_START } from './helm-funcs.js';
import type { HelmTemplateCache } from './template-cache.js';
import { contentKey } from './template-cache.js';
import { TPL_PLACEHOLDER, bindTpl, createInclude } from './template-funcs.js';

/** Options of the engine, as Helm's Engine struct holds them. */
export interface EngineOptions {
  /** missingkey=error instead of zero (Helm's Strict). */
  readonly strict?: boolean;
  /** required and fail do not fail (Helm's LintMode). */
  readonly lintMode?: boolean;
  /** Sources for Sprig's non-deterministic functions and the lookup answer. */
  readonly funcs?: HelmFuncOptions;
  /** Parsed template sets from earlier renders, reused when the templates are the same. */
  readonly cache?: HelmTemplateCache;
}

interface Renderable {
  readonly text: string;
  readonly vals: GoMap;
  readonly basePath: string;
}

function valuesTable(parent: GoMap, name: string): GoMap {
  const values = parent['Values'];
  const table = isGoMap(values) ? values[name] : undefined;
  return isGoMap(table) ? table : {};
}

function collect(chart: HelmChart, chartPath: string, parent: GoMap, out: Map<string, Renderable>): GoMap {
  const isRoot = !chartPath.includes('/');
  const subcharts: GoMap = {};
  const next: GoMap = {
    Chart: chartValue(chart.metadata, isRoot),
    Files: createFiles(chart.files),
    Release: parent['Release'] ?? null,
    Capabilities: parent['Capabilities'] ?? null,
    Values: isRoot ? (parent['Values'] ?? null) : valuesTable(parent, chart.metadata.name),
    Subcharts: subcharts,
  };
  for (const child of chart.dependencies) {
    subcharts[child.metadata.name] = collect(child, `${chartPath}/charts/${child.metadata.name}`, next, out);
  }
  const library = chart.metadata.type.toLowerCase() === 'library';
  for (const t of chart.templates) {
    if (library && !path.posix.basename(t.name).startsWith('_')) continue;
    out.set(path.posix.join(chartPath, t.name), { text: t.data, vals: next, basePath: path.posix.join(chartPath, 'templates') });
  }
  return next;
}

/** Orders template names as Helm parses them: deeper paths first, then reverse lexical order. */
export function sortTemplateNames(names: Iterable<string>): string[] {
  const depth = (s: string): number => s.split('/').length;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function cleanupParseError(name: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const tokens = message.split(': ');
  if (tokens.length === 1) return new TemplateError(`parse error in (${name}): ${message}`, { phase: 'parse', cause: error });
  const location = error instanceof TemplateError ? error.location : undefined;
  const text = `parse error at (${tokens[1] ?? ''}): ${tokens[tokens.length - 1] ?? ''}`;
  return new TemplateError(text, { phase: 'parse', cause: error, ...(location === undefined ? {} : { location }) });
}

function cleanupExecError(name: string, error: unknown): Error {
  if (!(error instanceof TemplateError)) return error instanceof Error ? error : new Error(String(error));
  const tokens = error.message.split(': ');
  if (tokens.length < 3) return new TemplateError(`execution error in (${name}): ${error.message}`, { phase: 'execute', cause: error });
  const rest = tokens.slice(2).join(': ');
  const warn = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`).exec(rest);
  if (warn === null) return error;
  const location = error.location;
  const text = `execution error at (${tokens[1] ?? ''}): ${warn[1] ?? ''}`;
  return new TemplateError(text, { phase: 'execute', cause: error, ...(location === undefined ? {} : { location }) });
}

/** The functions of one render: Helm's map plus an include with its own recursion counts. */
function renderFuncs(options: EngineOptions): FuncMap {
  return { ...helmFuncs({ ...options.funcs, lintMode: options.lintMode ?? false }), include: createInclude(), tpl: TPL_PLACEHOLDER };
}

/**
 * Parses every template into one set. The set keeps only placeholders of the functions (parsing
 * needs their names); each execution passes the render's own, so a cached set holds no render's state.
 */
function parseSet(templates: Map<string, Renderable>, order: string[], funcs: FuncMap): TemplateSet {
  const names: FuncMap = Object.fromEntries(Object.keys(funcs).map((f) => [f, TPL_PLACEHOLDER]));
  const set = new TemplateSet({ funcs: names, missingKey: 'zero' });
  for (const name of order) {
    try {
      set.parse(name, (templates.get(name) as Renderable).text);
    } catch (error) {
      throw cleanupParseError(name, error);
    }
  }
  return set;
}

function buildSet(templates: Map<string, Renderable>, order: string[], options: EngineOptions, funcs: FuncMap): TemplateSet {
  const cache = options.cache;
  if (cache === undefined) return parseSet(templates, order, funcs);
  const key = contentKey(order.map((name) => [name, (templates.get(name) as Renderable).text] as const));
  const cached = cache.templateSets.get(key);
  if (cached !== undefined) return cached;
  const set = parseSet(templates, order, funcs);
  cache.templateSets.set(key, set);
  return set;
}

/**
 * Renders every template of a chart with the top-level values Helm's engine receives
 * ({ Values, Release, Capabilities }); returns the output of each non-partial template.
 */
export function renderChartTemplates(chart: HelmChart, top: GoMap, options: EngineOptions = {}): Map<string, string> {
  const templates = new Map<string, Renderable>();
  collect(chart, chart.metadata.name, top, templates);
  const order = sortTemplateNames(templates.keys());
  const funcs = renderFuncs(options);
  const set = buildSet(templates, order, options, funcs);
  const missingKey: MissingKey = options.strict === true ? 'error' : 'zero';
  const bound = bindTpl(set, { missingKey, funcs });
  const rendered = new Map<string, string>();
  for (const name of order) {
    if (path.posix.basename(name).startsWith('_')) continue;
    const r = templates.get(name) as Renderable;
    r.vals['Template'] = { Name: name, BasePath: r.basePath } as GoValue;
    try {
      rendered.set(name, set.execute(name, r.vals, { funcs: bound, missingKey }).replaceAll('<no value>', ''));
    } catch (error) {
      throw cleanupExecError(name, error);
    }
  }
  return rendered;
}
