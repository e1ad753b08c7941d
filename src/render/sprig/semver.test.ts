import { test } from 'node:test';
import assert from 'node:assert/strict';
import { semverCompare } from './semver.js';
import { render, renderError } from './test-support.js';

const constraints: Array<[string, string, boolean]> = [
  ['1.2.3', '1.2.3', true],
  ['=1.2', '1.2.9', true],
  ['!=1.2.3', '1.2.4', true],
  ['!=1.2.x', '1.3.0', true],
  ['>1.2', '1.2.5', false],
  ['>1.2', '1.3.0', true],
  ['>= 1.2, < 2.0.0', '1.5.0', true],
  ['>=1.2 <2', '2.0.0', false],
  ['1.2 - 1.4.5', '1.4.5', true],
  ['1.2 - 1.4.5', '1.4.6', false],
  ['~1.2.3', '1.2.9', true],
  ['~1.2.3', '1.3.0', false],
  ['~1', '1.9.0', true],
  ['^1.2.0', '1.9.9', true],
  ['^1.2.0', '2.0.0', false],
  ['^0.2.3', '0.2.9', true],
  ['^0.2.3', '0.3.0', false],
  ['^0.0.3', '0.0.4', false],
  ['<1.0.0 || >=2.x', '2.1.0', true],
  ['<1.0.0 || >=2.x', '1.5.0', false],
  ['*', '3.1.4', true],
  ['>=1.0.0', '1.1.0-beta', false],
  ['>=1.0.0-0', '1.1.0-beta', true],
  ['>=1.19-0', 'v1.20.2-eks-1', true],
  ['<=1.2', '1.2.9', true],
];

test('semverCompare follows Masterminds/semver constraints', () => {
  for (const [c, v, want] of constraints) assert.equal(semverCompare(c, v), want, `${c} vs ${v}`);
});

test('semver values expose Version methods', () => {
  assert.equal(render('{{ $v := semver "v1.2.3-rc.1+b5" }}{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v }}'), '1.2.3 rc.1 b5 v1.2.3-rc.1+b5 1.2.3-rc.1+b5');
  assert.equal(render('{{ (semver "1.2.3").IncMinor }} {{ (semver "1.2.3-rc.1").LessThan (semver "1.2.3") }} {{ semver "1.0.0" | toJson }}'), '1.3.0 true "1.0.0"');
  assert.equal(render('{{ semver "1.2.3" | (semver "1.3.3").Compare }}'), '1');
});

test('bad constraints and versions fail', () => {
  assert.match(renderError('{{ semverCompare "badConstraint" "1.2.3" }}'), /improper constraint/);
  assert.match(renderError('{{ semverCompare "1.2.0" "badVersion" }}'), /Invalid Semantic Version/);
  assert.match(renderError('{{ semver "1.2.3-01" }}'), /Version segment starts with 0/);
});
