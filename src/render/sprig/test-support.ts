/** Shared helpers for the sprig tests: render a template with fixed sources, or capture its error. */
import { TemplateSet } from '../gotemplate/template-set.js';
import type { GoValue } from '../gotemplate/value.js';
import type { SprigOptions } from './context.js';
import { sprigFuncs } from './sprig-funcs.js';

/** Fixed sources: a clock at 2024-01-02T03:04:05Z, random 0.5, a constant UUID, FOO=bar. */
export const FIXED: SprigOptions = {
  now: () => new Date('2024-01-02T03:04:05Z'),
  random: () => 0.5,
  uuid: () => '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
  env: { FOO: 'bar' },
};

/** Renders `template` as the template "test" with Sprig's functions. */
export function render(template: string, data: GoValue = {}, options: SprigOptions = FIXED): string {
  return new TemplateSet({ funcs: sprigFuncs(options) }).parse('test', template).execute('test', data);
}

/** The error message rendering fails with, or "" when it succeeds. */
export function renderError(template: string, data: GoValue = {}, options: SprigOptions = FIXED): string {
  try {
    render(template, data, options);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** A table row: template, expected output, optional data. */
export type Row = readonly [string, string, GoValue?];
