import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the source passes lint, including the import-direction rules of DESIGN.md', async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['src', 'bench']);
  const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(errors, []);
});

test('every module has an index.ts that opens with a paragraph on what it is, and no default exports', () => {
  const src = join(root, 'src');
  const modules = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  assert.ok(modules.length >= 6, `expected the modules of DESIGN.md, found ${modules.join(', ')}`);
  for (const m of modules) {
    const index = readFileSync(join(src, m, 'index.ts'), 'utf8');
    assert.match(index.trimStart(), new RegExp(`^/\\*\\*\\n \\* ${m}: `), `src/${m}/index.ts should open with "/** ${m}: ..."`);
    assert.doesNotMatch(index, /export default/);
  }
});
