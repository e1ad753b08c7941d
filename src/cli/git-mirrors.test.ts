import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInstanceMirrors, writeInstanceMirrors } from './git-mirrors.js';

test('the instance records its mirrors for the CLI commands; a missing or damaged record means none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gantry-mirrors-'));
  try {
    assert.deepEqual(readInstanceMirrors(dir), []);
    const mirrors = [{ from: 'https://github.com/org/addons', to: 'addons' }, { from: 'https://github.com/', to: 'https://m.example/gh/' }];
    writeInstanceMirrors(dir, mirrors);
    assert.deepEqual(readInstanceMirrors(dir), mirrors);
    writeFileSync(join(dir, 'git-mirrors.json'), '["https://x/y=ok-name", "no-equals", 7]');
    assert.deepEqual(readInstanceMirrors(dir), [{ from: 'https://x/y', to: 'ok-name' }]);
    writeFileSync(join(dir, 'git-mirrors.json'), '{');
    assert.deepEqual(readInstanceMirrors(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
