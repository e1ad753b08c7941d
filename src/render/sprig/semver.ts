/** Sprig's semver family: semver (a *semver.Version) and semverCompare (constraint, version). */
import type { FuncMap } from '../gotemplate/template-set.js';
import { goFunc } from '../gotemplate/value.js';
import { checkConstraint, parseConstraint } from './semver-constraint.js';
import { SemverValue, parseVersion } from './semver-version.js';

/** True when the version satisfies the constraint; throws for a bad constraint or version. */
export function semverCompare(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  return checkConstraint(c, parseVersion(version));
}

/** The semver family. */
export function semverFuncs(): FuncMap {
  return {
    semver: goFunc(['string'], (a) => new SemverValue(parseVersion(String(a[0])), true)),
    semverCompare: goFunc(['string', 'string'], (a) => semverCompare(String(a[0]), String(a[1]))),
  };
}
