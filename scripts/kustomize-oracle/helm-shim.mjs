#!/usr/bin/env node
// A stand-in `helm` for `kubectl kustomize --helm-command`: logs the arguments kustomize passes
// and answers `helm template` with gantry's in-process Helm renderer (no helm binary here).
import { appendFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
const R = new URL('../../dist/src/render/index.js', import.meta.url).href;
const LOG = process.env.HELM_SHIM_LOG;
const args = process.argv.slice(2);
if (LOG) appendFileSync(LOG, JSON.stringify(args) + '\n');
if (args[0] === 'version') { console.log('v3.16.2+gshim'); process.exit(0); }
if (args[0] !== 'template') { console.error('shim: unsupported ' + args.join(' ')); process.exit(1); }
const { renderHelmChart, goToYaml, parseGoYaml } = await import(R);
const o = { files: [], apiVersions: [] }; const pos = [];
for (let i = 1; i < args.length; i++) {
  const a = args[i];
  if (a === '-f' || a === '--values') o.files.push(args[++i]);
  else if (a === '--namespace') o.namespace = args[++i];
  else if (a === '--api-versions') o.apiVersions.push(args[++i]);
  else if (a === '--kube-version') o.kubeVersion = args[++i];
  else if (a === '--include-crds') o.includeCrds = true;
  else if (a === '--skip-tests') o.skipTests = true;
  else if (a === '--no-hooks') o.noHooks = true;
  else if (a === '--generate-name') o.generate = true;
  else if (a.startsWith('-')) { console.error('shim: unknown flag ' + a); process.exit(1); }
  else pos.push(a);
}
const chartDir = pos.length === 2 ? pos[1] : pos[0];
const releaseName = pos.length === 2 ? pos[0] : 'GENERATED-NAME';
const files = new Map();
const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else files.set(relative(chartDir, p), readFileSync(p)); } };
walk(chartDir);
let values = {};
const merge = (a, b) => { const out = { ...a }; for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' && !Array.isArray(out[k]) ? merge(out[k], v) : v; return out; };
for (const f of o.files) if (LOG) appendFileSync(LOG, `-- ${f}:\n${readFileSync(f, 'utf8')}\n`);
for (const f of o.files) values = merge(values, parseGoYaml(readFileSync(f, 'utf8')) ?? {});
const r = renderHelmChart(files, { releaseName, namespace: o.namespace, valuesObject: values, skipCrds: !o.includeCrds, kubeVersion: o.kubeVersion, apiVersions: o.apiVersions.length ? o.apiVersions : undefined });
let out = '';
for (const m of r.manifests) {
  const hook = m.hook; const ann = m.object?.metadata?.annotations?.['helm.sh/hook'] ?? '';
  if (hook && o.noHooks) continue;
  if (o.skipTests && /(^|,)\s*test/.test(ann)) continue;
  out += `---\n# Source: ${m.path}\n${goToYaml(m.object)}\n`;
}
process.stdout.write(out);
