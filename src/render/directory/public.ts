/**
 * The plain-directory renderer: Argo CD's directory source (recurse, include, exclude, YAML and
 * JSON files, List kinds flattened) and its source-type detection, over a map of file contents.
 * Pure: no I/O. Re-exported by the render module's index.ts.
 */
export { renderDirectory, selectManifestFiles } from './render-directory.js';
export type { RenderedManifest, DirectoryOptions } from './render-directory.js';
export { detectSourceType } from './source-type.js';
export type { SourceType } from './source-type.js';
export { compileGlob } from './glob.js';
export type { Glob } from './glob.js';
