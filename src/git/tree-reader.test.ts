import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../core/index.js';
import { normalizeSourcePath, resolveLinkTarget } from './tree-reader.js';

test('normalizeSourcePath keys the root as "" and tidies relative paths', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['apps/web', 'apps/web'],
    ['./apps//web/', 'apps/web'],
    ['apps/./web', 'apps/web'],
  ];
  for (const [input, want] of cases) assert.equal(normalizeSourcePath(input), want, input);
});

test('normalizeSourcePath refuses paths that leave the repository', () => {
  for (const path of ['..', '../x', 'a/../../b', 'a/..', '/abs', 'a\nb']) assert.throws(() => normalizeSourcePath(path), InputError, path);
});

test('resolveLinkTarget resolves relative to the link and refuses what leaves the repository', () => {
  assert.equal(resolveLinkTarget('apps/web/shared.yaml', '../../shared/cm.yaml'), 'shared/cm.yaml');
  assert.equal(resolveLinkTarget('apps/web/a.yaml', 'b.yaml'), 'apps/web/b.yaml');
  assert.equal(resolveLinkTarget('a.yaml', './sub/b.yaml'), 'sub/b.yaml');
  assert.equal(resolveLinkTarget('a.yaml', '../outside.yaml'), undefined);
  assert.equal(resolveLinkTarget('a.yaml', '/etc/passwd'), undefined);
  assert.equal(resolveLinkTarget('a/b.yaml', '..'), undefined);
  assert.equal(resolveLinkTarget('a.yaml', ''), undefined);
});
