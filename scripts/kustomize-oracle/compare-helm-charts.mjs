// Compares gantry's renderKustomization with `kubectl kustomize --enable-helm` on helmCharts trees
// (helm stand-in: helm-shim.mjs beside this file, which renders with gantry's Helm renderer, since
// this machine has no helm binary: it checks kustomize's side -- values files, flags, order,
// transformers -- not Helm's templating). Run after npm run build: node scripts/kustomize-oracle/compare-helm-charts.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
const SHIM = fileURLToPath(new URL('./helm-shim.mjs', import.meta.url));
const WORK = mkdtempSync(join(tmpdir(), 'kustomize-oracle-'));
const { renderKustomization } = await import(new URL('../../dist/src/render/index.js', import.meta.url).href);
const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.2.3\nkubeVersion: ">=1.20.0-0"\n',
  'values.yaml': 'replicas: 1\ncolor: blue\nport: 8080\nflags: {a: true}\n',
  'templates/_h.tpl': '{{- define "web.labels" -}}\napp.kubernetes.io/name: web\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end -}}\n',
  'templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\n  labels:\n    {{- include "web.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicas }}\n  selector:\n    matchLabels:\n      {{- include "web.labels" . | nindent 6 }}\n  template:\n    metadata:\n      labels:\n        {{- include "web.labels" . | nindent 8 }}\n    spec:\n      serviceAccountName: {{ .Release.Name }}-sa\n      containers:\n      - name: web\n        image: nginx:1.25\n        env:\n        - name: COLOR\n          value: {{ .Values.color | quote }}\n        - name: NS\n          value: {{ .Release.Namespace }}\n        - name: HAS_HPA\n          value: {{ .Capabilities.APIVersions.Has "autoscaling/v2" | quote }}\n        - name: KUBE\n          value: {{ .Capabilities.KubeVersion.Version | quote }}\n        envFrom:\n        - configMapRef:\n            name: {{ .Release.Name }}-cfg\n',
  'templates/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  selector:\n    {{- include "web.labels" . | nindent 4 }}\n  ports:\n  - port: {{ .Values.port }}\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  color: {{ .Values.color | quote }}\n  flags: {{ .Values.flags | toJson | quote }}\n',
  'templates/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-sa\n',
  'templates/hook.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-migrate\n  annotations:\n    helm.sh/hook: pre-install\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: busybox}]\n',
  'templates/tests/t.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\nspec:\n  containers: [{name: t, image: busybox}]\n',
  'crds/widget.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]\n',
};
const chartAt = (home) => Object.fromEntries(Object.entries(CHART).map(([k, v]) => [`${home}/web/${k}`, v]));
const TREES = {
  basic: { ...chartAt('app/charts'), 'app/kustomization.yaml': 'helmCharts:\n- name: web\n  releaseName: shop\n' },
  transformers: { ...chartAt('app/charts'), 'app/kustomization.yaml': 'namePrefix: prod-\nnamespace: prod\ncommonLabels:\n  team: a\ncommonAnnotations:\n  note: x\nimages:\n- name: nginx\n  newTag: "1.27"\nhelmCharts:\n- name: web\n  releaseName: shop\n  namespace: shop\n  includeCRDs: true\n  skipTests: true\n  valuesInline:\n    replicas: 3\n    flags: {b: false}\n' },
  chartHome: { ...chartAt('charts'), 'env/dev/kustomization.yaml': 'helmGlobals:\n  chartHome: ../../charts\nhelmCharts:\n- name: web\n  releaseName: dev\n  valuesFile: dev-values.yaml\n  additionalValuesFiles: [more.yaml]\n  valuesMerge: merge\n  valuesInline: {color: red, port: 1}\nnameSuffix: -v1\n', 'env/dev/dev-values.yaml': 'color: green\n', 'env/dev/more.yaml': 'port: 9090\n' },
  mixed: { ...chartAt('app/charts'), 'app/kustomization.yaml': 'resources:\n- extra.yaml\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\nhelmCharts:\n- name: web\n  releaseName: one\n  skipHooks: true\n- name: web\n  releaseName: two\n  valuesMerge: replace\n  valuesInline: {replicas: 2, color: pink, port: 80, flags: {}}\npatches:\n- target: {kind: Deployment, name: two-web}\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 7\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: one-web\n    spec:\n      type: NodePort\n', 'app/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  ref: gen\n' },
  capabilities: { ...chartAt('app/charts'), 'app/kustomization.yaml': 'helmCharts:\n- name: web\n  releaseName: cap\n  apiVersions: [autoscaling/v2]\n  kubeVersion: v1.29.0\n  skipHooks: true\n  skipTests: true\n' },
  overlay: { ...chartAt('base/charts'), 'base/kustomization.yaml': 'helmCharts:\n- name: web\n  releaseName: b\n  skipTests: true\n', 'overlay/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: o-\nreplicas:\n- name: b-web\n  count: 4\n' },
};
const BUILD = { basic: 'app', transformers: 'app', chartHome: 'env/dev', mixed: 'app', capabilities: 'app', overlay: 'overlay' };
let agree = 0;
for (const [name, files] of Object.entries(TREES)) {
  const root = join(WORK, 'trees', name);
  rmSync(root, { recursive: true, force: true });
  for (const [p, c] of Object.entries(files)) { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), c); }
  let want;
  try { want = execFileSync('kubectl', ['kustomize', '--enable-helm', '--helm-command', SHIM, join(root, BUILD[name])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) { want = `ERROR ${e.stderr}`; }
  let got;
  try { got = renderKustomization(new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])), { path: BUILD[name] }).yaml; } catch (e) { got = `ERROR ${e.message}`; }
  const same = got === want;
  if (same) agree++;
  console.log(`${same ? 'SAME' : 'DIFF'} ${name}`);
  if (!same) { writeFileSync(`${WORK}/${name}.want`, want); writeFileSync(`${WORK}/${name}.got`, got); }
}
console.log(`agreement: ${agree}/${Object.keys(TREES).length}`);
