// Remote target URLs: the forms kustomize documents (examples/remoteBuild.md) and its repospec
// tests exercise, each as (repository to clone, kustomization root, ref).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRemoteTarget, parseGoDuration, parseRemoteTarget } from './remote-url.js';

const CASES: Array<[string, string, string, string]> = [
  // [entry, repoURL, path, ref]
  ['https://github.com/kubernetes-sigs/kustomize//examples/multibases/dev/?timeout=120&ref=v3.3.1', 'https://github.com/kubernetes-sigs/kustomize', 'examples/multibases/dev/', 'v3.3.1'],
  ['github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v1.0.6', 'https://github.com/kubernetes-sigs/kustomize', 'examples/multibases', 'v1.0.6'],
  ['github.com/org/repo/path/to/base?ref=', 'https://github.com/org/repo', 'path/to/base', ''],
  ['gitHub.com/org/repo', 'https://github.com/org/repo', '', ''],
  ['github.com:org/repo/sub', 'https://github.com/org/repo', 'sub', ''],
  ['http://github.com/someorg/somerepo/somedir', 'https://github.com/someorg/somerepo', 'somedir', ''],
  ['git@github.com:owner/repo', 'git@github.com:owner/repo', '', ''],
  ['git@github.com:someorg/somerepo/somedir', 'git@github.com:someorg/somerepo', 'somedir', ''],
  ['ssh://git@github.com/owner/repo//base?ref=main', 'git@github.com:owner/repo', 'base', 'main'],
  ['https://github.com/org/repo.git/path?ref=v1', 'https://github.com/org/repo.git', 'path', 'v1'],
  ['git::https://gitlab.com/org/repo//deploy?ref=v2', 'https://gitlab.com/org/repo', 'deploy', 'v2'],
  ['git::https://itfs.mycompany.com/collection/project/_git/somerepos', 'https://itfs.mycompany.com/collection/project/_git/somerepos', '', ''],
  ['https://itfs.mycompany.com/collection/project/_git/somerepos/somedir?version=v1.0.0', 'https://itfs.mycompany.com/collection/project/_git/somerepos', 'somedir', 'v1.0.0'],
  ['https://user@dev.azure.com/org/project/_git/repo/path/to/root?ref=x', 'https://user@dev.azure.com/org/project/_git/repo', 'path/to/root', 'x'],
  ['https://git-codecommit.us-east-2.amazonaws.com/someorg/somerepo/somedir?ref=testbranch', 'https://git-codecommit.us-east-2.amazonaws.com/someorg/somerepo', 'somedir', 'testbranch'],
  ['https://fabrikops2.visualstudio.com/someorg/somerepo?ref=master', 'https://fabrikops2.visualstudio.com/someorg/somerepo', '', 'master'],
  ['git@gitlab2.sqtools.ru:10022/infra/kubernetes/thanos-base.git?ref=v0.1.0', 'git@gitlab2.sqtools.ru:10022/infra/kubernetes/thanos-base.git', '', 'v0.1.0'],
  ['git@bitbucket.org:company/project.git//path?ref=branch', 'git@bitbucket.org:company/project.git', 'path', 'branch'],
  ['ssh://git.example.com:7999/org/repo/dir', 'ssh://git.example.com:7999/org/repo', 'dir', ''],
  ['http://127.0.0.1:8080/git/base.git//deploy?ref=v1', 'http://127.0.0.1:8080/git/base.git', 'deploy', 'v1'],
  ['file:///path/to/repo//someSubdir?ref=v3.3.1', 'file:///path/to/repo', 'someSubdir', 'v3.3.1'],
  ['https://example.com/org/repo?version=v1&ref=v2', 'https://example.com/org/repo', '', 'v2'],
];

test('remote targets: repository, kustomization root and ref of every documented form', () => {
  for (const [entry, repoURL, path, ref] of CASES) {
    const parsed = parseRemoteTarget(entry);
    assert.ok(parsed.ok, `${entry}: ${parsed.ok ? '' : parsed.error}`);
    assert.deepEqual({ repoURL: parsed.value.repoURL, path: parsed.value.path, ref: parsed.value.ref }, { repoURL, path, ref }, entry);
  }
});

test('remote targets: timeout in seconds or as a Go duration, submodules as a Go bool', () => {
  const of = (q: string): { timeoutMs: number; submodules: boolean } => {
    const p = parseRemoteTarget(`https://example.com/org/repo?${q}`);
    assert.ok(p.ok);
    return { timeoutMs: p.value.timeoutMs, submodules: p.value.submodules };
  };
  assert.deepEqual(of('timeout=61'), { timeoutMs: 61_000, submodules: true });
  assert.deepEqual(of('timeout=2m&submodules=false'), { timeoutMs: 120_000, submodules: false });
  assert.deepEqual(of('timeout=1m30s&submodules=0'), { timeoutMs: 90_000, submodules: false });
  assert.deepEqual(of('timeout=nonsense&submodules=maybe'), { timeoutMs: 27_000, submodules: true });
  assert.deepEqual(of('timeout=-5'), { timeoutMs: 27_000, submodules: true });
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('10'), undefined);
});

test('remote targets: kustomize errors for what is not one, and local paths stay local', () => {
  const errors: Array<[string, string]> = [
    ['/tmp', 'uri looks like abs path'],
    ['iauhsdiuashduas', 'failed to parse scheme'],
    ['htxxxtp://github.com/', 'failed to parse scheme'],
    ['ssh://git.example.com', 'failed to parse repo path segment'],
    ['https://github.com/org/repo//../../etc', 'url path exits repo'],
  ];
  for (const [entry, message] of errors) {
    const parsed = parseRemoteTarget(entry);
    assert.ok(!parsed.ok, entry);
    assert.match(parsed.error, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), entry);
  }
  for (const local of ['base', '../base', './overlays/prod', 'deployment.yaml', '../../common/x.yaml']) assert.equal(isRemoteTarget(local), false, local);
});
