// Compares gantry's remote targets with `kubectl kustomize` on local git repositories reached
// through file:// URLs (kustomize clones them with git; gantry fetches them through a
// RemoteFetcher that clones with git too). Run after npm run build:
//   node scripts/kustomize-oracle/compare-remote.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
const { prefetchRemoteSources, renderKustomization } = await import(new URL('../../dist/src/render/index.js', import.meta.url).href);
const WORK = mkdtempSync(join(tmpdir(), 'kustomize-remote-'));
const git = (cwd, ...args) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
const write = (root, files) => { for (const [p, c] of Object.entries(files)) { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), c); } };
const cm = (name, v) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  v: "${v}"\n`;

function repo(name, commits) {
  const dir = join(WORK, 'repos', name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  for (const { files, tag } of commits) {
    write(dir, files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'c');
    if (tag) git(dir, 'tag', tag);
  }
  return `file://${dir}`;
}

const lib = repo('lib', [{ files: { 'lib/kustomization.yaml': 'namePrefix: lib-\nresources:\n- x.yaml\n', 'lib/x.yaml': cm('x', 1) }, tag: 'v2' }]);
const base = repo('base', [
  { files: { 'deploy/kustomization.yaml': `resources:\n- cm.yaml\n- ../common\n- ${lib}//lib?ref=v2\n`, 'deploy/cm.yaml': cm('base', 'v1'), 'common/kustomization.yaml': 'commonLabels: {layer: common}\nresources:\n- c.yaml\n', 'common/c.yaml': cm('common', 1), 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations: {comp: "yes"}\n' }, tag: 'v1' },
  { files: { 'deploy/cm.yaml': cm('base', 'head') } },
]);
const TREES = {
  'tag and subpath': { 'app/kustomization.yaml': `namePrefix: p-\nresources:\n- ${base}//deploy?ref=v1\n- local.yaml\n`, 'app/local.yaml': cm('local', 1) },
  'default branch': { 'app/kustomization.yaml': `resources:\n- ${base}//deploy\n` },
  'version and timeout': { 'app/kustomization.yaml': `resources:\n- ${base}//deploy?version=v1&timeout=90s\n` },
  'remote component': { 'app/kustomization.yaml': `resources:\n- local.yaml\ncomponents:\n- ${base}//comp?ref=v1\n`, 'app/local.yaml': cm('local', 1) },
  'build metadata of remote resources': { 'app/kustomization.yaml': `buildMetadata: [originAnnotations, transformerAnnotations]\nnamespace: x\nresources:\n- ${base}//deploy?ref=v1\n` },
  'overlay of a local base with a remote base': { 'base/kustomization.yaml': `resources:\n- ${lib}//lib?ref=v2\n`, 'app/kustomization.yaml': 'resources:\n- ../base\nnamespace: ns1\n' },
};

function readTree(dir) {
  const out = new Map();
  const walk = (d) => { for (const n of readdirSync(d)) { if (n === '.git') continue; const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else out.set(relative(dir, p), readFileSync(p)); } };
  walk(dir);
  return out;
}
let clones = 0;
const fetcher = {
  fetchRepository(t) {
    const dir = join(WORK, 'clones', String(clones++));
    execFileSync('git', ['clone', '-q', t.repoURL, dir]);
    if (t.ref) execFileSync('git', ['-C', dir, 'checkout', '-q', t.ref]);
    return Promise.resolve(readTree(dir));
  },
};

let agree = 0;
for (const [name, files] of Object.entries(TREES)) {
  const root = join(WORK, 'trees', name.replace(/\W+/g, '-'));
  write(root, files);
  let want;
  try { want = execFileSync('kubectl', ['kustomize', join(root, 'app')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) { want = `ERROR ${e.stderr}`; }
  const map = new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
  let got;
  try { got = renderKustomization(map, { path: 'app', remote: await prefetchRemoteSources(map, { path: 'app', fetcher }) }).yaml; } catch (e) { got = `ERROR ${e.message}`; }
  const same = got === want;
  if (same) agree++;
  console.log(`${same ? 'SAME' : 'DIFF'} ${name}`);
  if (!same) console.log(`--- kubectl kustomize\n${want}\n--- gantry\n${got}`);
}
console.log(`agreement: ${agree}/${Object.keys(TREES).length}`);
