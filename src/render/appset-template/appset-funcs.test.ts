import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateSet } from '../gotemplate/template-set.js';
import type { GoMap } from '../gotemplate/value.js';
import { appsetFuncs, normalizeName, slugifyName } from './appset-funcs.js';
import { replaceFastTemplate } from './fasttemplate.js';

test('normalize and slugify follow Argo CD', () => {
  assert.equal(normalizeName('My_App.Name!'), 'my-app.name');
  assert.equal(normalizeName('--Team/Service--'), 'team-service');
  assert.equal(slugifyName('Hello.World  App'), 'hello-world-app');
  assert.equal(slugifyName('abc-defgh-ijk', 9), 'abc-defgh');
  assert.equal(slugifyName('abc-defgh-ijk', 8), 'abc');
  assert.equal(slugifyName('abc-defgh-ijk', 8, false), 'abc-defg');
  const render = (t: string, data: GoMap = {}): string => new TemplateSet({ funcs: appsetFuncs() }).parse('base', t).execute('base', data);
  assert.equal(render('{{ slugify 9 true "abc-defgh-ijk" }}|{{ normalize "A_B" }}'), 'abc-defgh|a-b');
  assert.equal(render('{{ toYaml .v }}', { v: { b: [1, 'x'], a: 'yes' } }), 'a: "yes"\nb:\n- 1\n- x');
  assert.throws(() => render('{{ fromYaml "- a" }}'), /cannot unmarshal array/);
});

test('fasttemplate leaves unknown and non-string tags alone', () => {
  assert.equal(replaceFastTemplate('{{ a }}-{{b}}-{{n}}-{{}}', { a: 'x', n: 3 }), 'x-{{b}}-{{n}}-{{}}');
  assert.throws(() => replaceFastTemplate('{{ a', { a: 'x' }), /cannot find end tag/);
});
