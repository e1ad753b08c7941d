import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/index.js';
import { compareWalkOrder, renderDirectory, selectManifestFiles, type DirectoryOptions } from './render-directory.js';

const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function filesOf(entries: Record<string, string>): Map<string, Buffer> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));
}

/** `file#index[.item] kind/name` for each rendered object, for compact expectations. */
function summary(files: Record<string, string>, options?: DirectoryOptions): string[] {
  return renderDirectory(filesOf(files), options).map((m) => {
    const meta = m.object.metadata as { name?: string } | undefined;
    const item = m.source.item === undefined ? '' : `.${m.source.item}`;
    return `${m.source.file}#${m.source.index}${item} ${String(m.object.kind)}/${meta?.name ?? ''}`;
  });
}

const tree = {
  'a.yaml': cm('a'),
  'b.yml': cm('b'),
  'c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
  'README.md': '# not a manifest',
  'notes.txt': 'apiVersion: v1',
  'config.yaml': cm('config'),
  'env-use2/cm.yaml': cm('use2'),
  'env-usw2/cm.yaml': cm('usw2'),
  'env-usw2/deep/more.yaml': cm('deep'),
};

const selection: { name: string; options: DirectoryOptions; want: string[] }[] = [
  { name: 'top level only by default', options: {}, want: ['a.yaml', 'b.yml', 'c.json', 'config.yaml'] },
  {
    name: 'recurse',
    options: { recurse: true },
    want: ['a.yaml', 'b.yml', 'c.json', 'config.yaml', 'env-use2/cm.yaml', 'env-usw2/cm.yaml', 'env-usw2/deep/more.yaml'],
  },
  { name: 'include *.yaml (matches across folders)', options: { recurse: true, include: '*.yaml' }, want: ['a.yaml', 'config.yaml', 'env-use2/cm.yaml', 'env-usw2/cm.yaml', 'env-usw2/deep/more.yaml'] },
  { name: 'include a brace list', options: { include: '{*.yml,*.json}' }, want: ['b.yml', 'c.json'] },
  { name: 'exclude one file', options: { exclude: 'config.yaml' }, want: ['a.yaml', 'b.yml', 'c.json'] },
  {
    name: 'include and exclude together (the upstream docs example)',
    options: { recurse: true, include: '*.yaml', exclude: '{config.json,env-usw2/*}' },
    want: ['a.yaml', 'config.yaml', 'env-use2/cm.yaml'],
  },
  { name: 'exclude wins over include', options: { include: 'a.yaml', exclude: 'a.*' }, want: [] },
  { name: 'include a folder without recurse finds nothing below the top', options: { include: 'env-use2/*' }, want: [] },
  { name: 'include cannot add non-manifest extensions', options: { include: '*' }, want: ['a.yaml', 'b.yml', 'c.json', 'config.yaml'] },
  { name: 'empty patterns mean no filter', options: { include: '', exclude: '' }, want: ['a.yaml', 'b.yml', 'c.json', 'config.yaml'] },
];

for (const c of selection) {
  test(`selectManifestFiles: ${c.name}`, () => {
    assert.deepEqual(selectManifestFiles(Object.keys(tree), c.options), c.want);
  });
}

test('files are read in directory-walk order, folder by folder', () => {
  const paths = ['a.yaml', 'a/b.yaml', 'a-b.yaml', 'B.yaml', 'a/a/z.yaml', 'ab.yaml'];
  assert.deepEqual([...paths].sort(compareWalkOrder), ['B.yaml', 'a/a/z.yaml', 'a/b.yaml', 'a-b.yaml', 'a.yaml', 'ab.yaml']);
  assert.deepEqual(selectManifestFiles(paths, { recurse: true }), ['B.yaml', 'a/a/z.yaml', 'a/b.yaml', 'a-b.yaml', 'a.yaml', 'ab.yaml']);
});

const rendering: { name: string; files: Record<string, string>; options?: DirectoryOptions; want: string[] }[] = [
  {
    name: 'multi-document YAML skips empty and comment-only documents but keeps their indices',
    files: { 'all.yaml': `# header\n${cm('one')}---\n---\n# just a comment\n---\n${cm('two')}---\nnull\n---\n~\n` },
    want: ['all.yaml#0 ConfigMap/one', 'all.yaml#3 ConfigMap/two'],
  },
  {
    name: 'kind List is flattened',
    files: { 'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: x}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: why}\n' },
    want: ['list.yaml#0.0 ConfigMap/x', 'list.yaml#0.1 Secret/why'],
  },
  {
    name: 'a *List kind with items is flattened; a null-items list renders nothing',
    files: { 'l.yaml': `apiVersion: v1\nkind: ConfigMapList\nitems:\n- ${cm('x').trimEnd().replace(/\n/g, '\n  ')}\n---\napiVersion: v1\nkind: ConfigMapList\nitems: null\n` },
    want: ['l.yaml#0.0 ConfigMap/x'],
  },
  {
    name: 'an empty List renders nothing, a List kind without items stays an object',
    files: { 'e.yaml': 'apiVersion: v1\nkind: List\nitems: []\n---\napiVersion: example.com/v1\nkind: ThingList\nmetadata: {name: t}\nspec: {}\n' },
    want: ['e.yaml#1 ThingList/t'],
  },
  {
    name: 'an object with items but a kind not ending in List is not flattened',
    files: { 'q.yaml': 'apiVersion: example.com/v1\nkind: Queue\nmetadata: {name: q}\nitems: [1, 2]\n' },
    want: ['q.yaml#0 Queue/q'],
  },
  {
    name: 'a YAML file that does not look like a manifest is ignored, as in Argo CD',
    files: { 'values.yaml': 'replicas: 3\nimage: nginx\n', 'ok.yaml': cm('ok'), 'list.yaml': '- a\n- b\n', 'broken.yaml': 'a: [\n' },
    want: ['ok.yaml#0 ConfigMap/ok'],
  },
  {
    name: 'files containing the skip marker are ignored',
    files: { 'skip.yaml': `# +argocd:skip-file-rendering\n${cm('skipped')}`, 'keep.yaml': cm('kept') },
    want: ['keep.yaml#0 ConfigMap/kept'],
  },
  {
    name: 'byte-order marks are handled (UTF-8)',
    files: { 'bom.yaml': `\uFEFF${cm('bom')}` },
    want: ['bom.yaml#0 ConfigMap/bom'],
  },
  {
    name: 'JSON files hold one object',
    files: { 'x.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }] }) },
    want: ['x.json#0.0 Service/s'],
  },
  {
    name: 'a YAML file may hold JSON',
    files: { 'j.yaml': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}}' },
    want: ['j.yaml#0 ConfigMap/j'],
  },
];

for (const c of rendering) {
  test(`renderDirectory: ${c.name}`, () => {
    assert.deepEqual(summary(c.files, c.options), c.want);
  });
}

test('UTF-16 files with a byte-order mark are decoded', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cm('le'), 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(cm('be'), 'utf16le').swap16()]);
  const out = renderDirectory(new Map([['le.yaml', le], ['be.yaml', be]]));
  assert.deepEqual(out.map((m) => (m.object.metadata as { name: string }).name), ['be', 'le']);
});

test('YAML is read as Kubernetes reads it (YAML 1.1 via go-yaml v2)', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: types}',
    'data:',
    '  a: yes',
    '  b: n',
    '  c: OFF',
    '  d: On',
    '  octal: 0777',
    '  hex: 0x1F',
    '  under: 1_000',
    '  float: 1.5e3',
    '  date: 2001-12-14',
    '  sexagesimal: 1:20',
    '  quoted: "yes"',
    '  tilde: ~',
    'spec:',
    '  y: 1', // a boolean key becomes "true", as sigs.k8s.io/yaml writes it
    '  base: &base {a: 1, b: 2}',
    '  merged: {<<: *base, b: 3}',
    '  dup: 1',
    '  dup: 2',
    '  binary: !!binary aGVsbG8=',
  ].join('\n');
  const [m] = renderDirectory(filesOf({ 't.yaml': yaml }));
  assert.deepEqual(m?.object.data, {
    a: true,
    b: false,
    c: false,
    d: true,
    octal: 511,
    hex: 31,
    under: 1000,
    float: 1500,
    date: '2001-12-14',
    sexagesimal: '1:20',
    quoted: 'yes',
    tilde: null,
  });
  assert.deepEqual(m?.object.spec, { true: 1, base: { a: 1, b: 2 }, merged: { a: 1, b: 3 }, dup: 2, binary: 'aGVsbG8=' });
});

const failures: { name: string; files: Record<string, string>; options?: DirectoryOptions; message: RegExp }[] = [
  {
    name: 'a YAML syntax error in a manifest names file and line',
    files: { 'bad.yaml': `${cm('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n` },
    message: /^bad\.yaml: document 2 of 2 \(line \d+\): invalid YAML: /,
  },
  {
    name: 'a syntax error in a file that looks like a manifest is an error even as the first document',
    files: { 'first.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b\n' },
    message: /^first\.yaml: document 1 of 1 \(line \d+\): invalid YAML/,
  },
  {
    name: 'a later document without kind',
    files: { 'm.yaml': `${cm('ok')}---\napiVersion: v1\nmetadata:\n  name: nokind\n` },
    message: /^m\.yaml: document 2 of 2 \(line 6\): the object has no kind: every manifest needs apiVersion and kind$/,
  },
  {
    name: 'an object without apiVersion in a file that looks like a manifest',
    files: { 'n.yaml': '# apiVersion: is missing below\nkind: ConfigMap\nmetadata:\n  name: x\n' },
    message: /^n\.yaml: document 1 of 1 \(line 2\): the object has no apiVersion/,
  },
  {
    name: 'a later document that is a list',
    files: { 'l.yaml': `${cm('ok')}---\n- a\n` },
    message: /^l\.yaml: document 2 of 2 \(line 6\): expected a Kubernetes object .*found a list/,
  },
  {
    name: 'invalid JSON names file and line',
    files: { 'x.json': '{\n  "apiVersion": "v1",\n  "kind": \n}\n' },
    message: /^x\.json: invalid JSON at line 3: /,
  },
  {
    name: 'a JSON object that is not a manifest',
    files: { 'package.json': '{"name": "app"}' },
    message: /^package\.json: the object has no apiVersion and no kind/,
  },
  {
    name: 'a List item without kind',
    files: { 'list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  metadata: {name: x}\n' },
    message: /^list\.yaml: document 1 \(line 1\), List item 1: the object has no kind/,
  },
  {
    name: 'Jsonnet files are refused rather than silently left out',
    files: { 'app.jsonnet': '{}', 'a.yaml': cm('a') },
    message: /^app\.jsonnet: Jsonnet is not supported/,
  },
  {
    name: 'an invalid include pattern',
    files: { 'a.yaml': cm('a') },
    options: { include: '{a.yaml' },
    message: /^spec\.source\.directory\.include: invalid glob pattern "\{a\.yaml"/,
  },
];

for (const c of failures) {
  test(`renderDirectory fails clearly: ${c.name}`, () => {
    assert.throws(
      () => renderDirectory(filesOf(c.files), c.options),
      (e: unknown) => {
        assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
        assert.match(e.message, c.message);
        return true;
      },
    );
  });
}

test('an excluded Jsonnet file is fine', () => {
  assert.deepEqual(summary({ 'app.jsonnet': '{}', 'a.yaml': cm('a') }, { exclude: '*.jsonnet' }), ['a.yaml#0 ConfigMap/a']);
});
