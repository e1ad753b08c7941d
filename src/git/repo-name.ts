import { InputError } from '../core/index.js';

const NAME_PATTERN = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

/** What a valid repository name is, in words, for error messages and help text. */
export const REPO_NAME_RULE =
  "1 to 63 characters from lowercase letters, digits, '.', '_' and '-', starting and ending with a letter or digit, without '..'";

/** True when `name` can name a hosted repository (it maps safely to `<root>/<name>.git`). */
export function isValidRepoName(name: string): boolean {
  return NAME_PATTERN.test(name) && !name.includes('..');
}

/** Throws an InputError saying what a valid name is unless `name` is one. */
export function validateRepoName(name: string): void {
  if (isValidRepoName(name)) return;
  throw new InputError(`invalid repository name ${JSON.stringify(name)}: use ${REPO_NAME_RULE}`);
}
