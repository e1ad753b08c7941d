#!/usr/bin/env node
// The test command: unit tests, then integration tests against one real local control plane
// started for the whole run (installing it first when this machine has none). Prints the
// closing line `N passed, N failed`.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir, availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2] ?? '';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.js'))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((f) => f.includes(filter))
    .sort();
}

async function runFiles(files, concurrency) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (files.length === 0) return counts;
  // forceExit: a failed test that leaves a server or watch open must not hold the run until its timeout.
  const stream = run({ files, concurrency, timeout: 10 * 60_000, forceExit: true });
  stream.on('test:pass', (e) => {
    if (e.details?.type === 'suite') return;
    if (e.skip || e.todo) counts.skipped++;
    else counts.passed++;
  });
  stream.on('test:fail', (e) => {
    if (e.details?.type !== 'suite' || e.details?.error?.failureType !== 'subtestsFailed') counts.failed++;
  });
  await new Promise((resolve, reject) => {
    stream.compose(spec).on('data', (d) => process.stdout.write(d)).on('end', resolve).on('error', reject);
  });
  return counts;
}

function ensureControlPlane() {
  const { findBinaries } = localModule;
  if (findBinaries({ env: process.env }).ok) return;
  console.log('No local control plane binaries yet: running scripts/install-control-plane.sh (minutes, once).');
  const r = spawnSync('bash', [join(root, 'scripts/install-control-plane.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('installing the local control plane failed (see above)');
}

const localModule = await import(join(root, 'dist/src/local/index.js'));
const all = findTests(join(root, 'dist/src'));
const unit = all.filter((f) => !f.endsWith('.int.test.js'));
const integration = all.filter((f) => f.endsWith('.int.test.js'));

const total = { passed: 0, failed: 0, skipped: 0 };
const add = (c) => { total.passed += c.passed; total.failed += c.failed; total.skipped += c.skipped; };

add(await runFiles(unit, availableParallelism()));

if (integration.length > 0) {
  ensureControlPlane();
  const dataDir = mkdtempSync(join(tmpdir(), 'gantry-test-'));
  const started = Date.now();
  const plane = await localModule.startTestControlPlane({ dataDir, env: process.env });
  console.log(`local control plane up in ${Date.now() - started} ms (${plane.kubeconfigPath})`);
  process.env.GANTRY_TEST_KUBECONFIG = plane.kubeconfigPath;
  process.env.GANTRY_TEST_DATA_DIR = dataDir;
  try {
    add(await runFiles(integration, Math.max(2, availableParallelism())));
  } finally {
    await plane.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const skipped = total.skipped ? `, ${total.skipped} skipped` : '';
console.log(`\n${total.passed} passed, ${total.failed} failed${skipped}`);
process.exitCode = total.failed > 0 ? 1 : 0;
