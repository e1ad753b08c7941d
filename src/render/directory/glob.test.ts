import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/index.js';
import { compileGlob } from './glob.js';

// Argo CD matches include/exclude with gobwas/glob compiled without separators: `*` crosses `/`.
const cases: { pattern: string; matches: string[]; rejects: string[] }[] = [
  { pattern: '*.yaml', matches: ['a.yaml', 'sub/dir/b.yaml', '.yaml'], rejects: ['a.yml', 'a.yaml.bak'] },
  { pattern: '**/*.yaml', matches: ['sub/b.yaml', 'x/y/z.yaml'], rejects: ['b.yaml'] },
  { pattern: '{*.yml,*.yaml}', matches: ['a.yml', 'a.yaml', 'd/a.yml'], rejects: ['a.json'] },
  { pattern: '{config.json,env-usw2/*}', matches: ['config.json', 'env-usw2/cm.yaml', 'env-usw2/x/y.yaml'], rejects: ['env-use2/cm.yaml', 'sub/config.json'] },
  { pattern: 'some-directory/*', matches: ['some-directory/a.yaml'], rejects: ['other/some-directory/a.yaml', 'some-directory'] },
  { pattern: 'config.yaml', matches: ['config.yaml'], rejects: ['xconfig.yaml', 'config.yaml2', 'configXyaml'] },
  { pattern: 'file?.yaml', matches: ['file1.yaml', 'file/.yaml'], rejects: ['file.yaml', 'file12.yaml'] },
  { pattern: 'app-[0-9].yaml', matches: ['app-3.yaml'], rejects: ['app-a.yaml', 'app-10.yaml'] },
  { pattern: 'app-[!0-9].yaml', matches: ['app-a.yaml'], rejects: ['app-3.yaml'] },
  { pattern: '[abc]*', matches: ['a.yaml', 'c/d.json'], rejects: ['d.yaml'] },
  { pattern: '{a,{b,c}/*}.yaml', matches: ['a.yaml', 'b/x.yaml', 'c/y.yaml'], rejects: ['b.yaml', 'd/x.yaml'] },
  { pattern: '\\*.yaml', matches: ['*.yaml'], rejects: ['a.yaml'] },
  { pattern: 'a,b}.yaml', matches: ['a,b}.yaml'], rejects: ['a.yaml'] },
  { pattern: '(x|y)+.yaml', matches: ['(x|y)+.yaml'], rejects: ['x.yaml', 'xx.yaml'] },
  { pattern: 'dé*/ü.yaml', matches: ['dé/ü.yaml', 'déjà/ü.yaml'], rejects: ['de/u.yaml'] },
  { pattern: '[]x', matches: [], rejects: ['x', ']x'] },
];

for (const c of cases) {
  test(`glob ${c.pattern}`, () => {
    const glob = compileGlob(c.pattern);
    for (const path of c.matches) assert.equal(glob.matches(path), true, `${c.pattern} should match ${path}`);
    for (const path of c.rejects) assert.equal(glob.matches(path), false, `${c.pattern} should not match ${path}`);
  });
}

test('invalid glob patterns are InputErrors that say what is wrong', () => {
  const invalid: [string, RegExp][] = [
    ['{a,b', /never closed with "}"/],
    ['[abc', /never closed with "]"/],
    ['[a-zA-Z]*', /one range or list per bracket/],
    ['[z-a]', /out of order/],
    ['a\\', /unfinished "\\" escape/],
  ];
  for (const [pattern, message] of invalid) {
    assert.throws(
      () => compileGlob(pattern),
      (e: unknown) => e instanceof InputError && message.test(e.message) && e.message.includes(JSON.stringify(pattern)),
      pattern,
    );
  }
});
