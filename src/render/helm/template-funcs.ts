/**
 * The functions Helm binds to each render: include (with Helm's per-name recursion limit) and tpl
 * (a clone of the running template set, so defines inside tpl text stay local to it).
 */
import { TemplateError } from '../gotemplate/errors.js';
import type { MissingKey } from '../gotemplate/exec.js';
import type { FuncMap, TemplateSet } from '../gotemplate/template-set.js';
import { ANY, GoFunc, goFunc } from '../gotemplate/value.js';
import type { GoValue } from '../gotemplate/value.js';

/** How deep one name may be included inside itself (Helm's recursionMaxNums). */
export const RECURSION_MAX = 1000;
/** The name Helm gives the template parsed from tpl's text. */
export const TPL_TEMPLATE_NAME = 'gotpl';

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function nestedReference(name: string): Error {
  return new Error(`rendering template has a nested reference name: ${name}: unable to execute template`);
}

/**
 * include: executes a named template into a string. A name included in itself more than
 * RECURSION_MAX times fails as in Helm; nesting deeper than the JavaScript stack allows fails the
 * same way, naming the template being included.
 */
export function createInclude(): GoFunc {
  const counts = new Map<string, number>();
  return goFunc(['string', ANY], (a, ctx) => {
    const name = String(a[0]);
    const count = counts.get(name) ?? 0;
    if (count > RECURSION_MAX) throw nestedReference(name);
    counts.set(name, count + 1);
    try {
      return ctx.executeTemplate(name, a[1]);
    } catch (error) {
      if (isStackOverflow(error)) throw nestedReference(name);
      throw error;
    } finally {
      counts.set(name, (counts.get(name) ?? 1) - 1);
    }
  });
}

/** A placeholder tpl for parsing; each execution overrides it with one bound to its set. */
export const TPL_PLACEHOLDER: GoFunc = goFunc(['string', ANY], () => {
  throw new Error('tpl is only available while a chart renders');
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How one render executes templates: its missingkey option and its functions (Helm's, include). */
export interface TemplateRun {
  readonly missingKey: MissingKey;
  /** Functions of this render; they replace the set's own, so a cached set serves every render. */
  readonly funcs?: FuncMap;
}

/** Builds the tpl function of one template set; executions it starts get their own tpl. */
export function createTpl(set: TemplateSet, run: TemplateRun): GoFunc {
  return goFunc(['string', ANY], (a) => {
    const text = String(a[0]);
    const clone = set.clone();
    const before = clone.lookup(TPL_TEMPLATE_NAME);
    try {
      clone.parse(TPL_TEMPLATE_NAME, text);
    } catch (error) {
      throw new Error(`cannot parse template ${JSON.stringify(text)}: ${messageOf(error)}`, { cause: error });
    }
    if (before !== undefined && clone.lookup(TPL_TEMPLATE_NAME) === before) return '';
    try {
      const out = executeWithTpl(clone, TPL_TEMPLATE_NAME, a[1], run);
      return out.replaceAll('<no value>', '');
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      throw new Error(`error during tpl function execution for ${JSON.stringify(text)}: ${error.message}`, { cause: error });
    }
  });
}

/** The run's functions with a tpl bound to `set`: built once per set, used by every execution. */
export function bindTpl(set: TemplateSet, run: TemplateRun): FuncMap {
  return { ...run.funcs, tpl: createTpl(set, run) };
}

/** Executes a template of a set with the run's functions and a tpl bound to that set. */
export function executeWithTpl(set: TemplateSet, name: string, data: GoValue, run: TemplateRun): string {
  return set.execute(name, data, { funcs: bindTpl(set, run), missingKey: run.missingKey });
}
