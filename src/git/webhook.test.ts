import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { parseWebhook, repositoryIdentity, revisionMayMove, sameRepository, verifyGitHubSignature } from './webhook.js';

const githubPush = {
  ref: 'refs/heads/main',
  after: '0123456789abcdef0123456789abcdef01234567',
  repository: {
    html_url: 'https://github.com/Acme/Guestbook',
    clone_url: 'https://github.com/Acme/Guestbook.git',
    ssh_url: 'git@github.com:Acme/Guestbook.git',
    default_branch: 'main',
  },
};
const gitlabPush = {
  object_kind: 'push',
  ref: 'refs/tags/v1.2.0',
  after: 'fedcba9876543210fedcba9876543210fedcba98',
  project: { web_url: 'https://gitlab.example.com/group/sub/app', git_http_url: 'https://gitlab.example.com/group/sub/app.git', git_ssh_url: 'git@gitlab.example.com:group/sub/app.git', default_branch: 'develop' },
};
const body = (payload: unknown): Buffer => Buffer.from(JSON.stringify(payload));
const sign = (b: Buffer, secret: string): string => `sha256=${createHmac('sha256', secret).update(b).digest('hex')}`;

test('a GitHub push payload gives its repository URLs, ref, default branch and commit', () => {
  const outcome = parseWebhook({ 'x-github-event': 'push' }, body(githubPush), {});
  assert.equal(outcome.kind, 'push');
  assert.deepEqual(outcome.kind === 'push' && outcome.push, {
    provider: 'github',
    repoUrls: ['https://github.com/Acme/Guestbook', 'https://github.com/Acme/Guestbook.git', 'git@github.com:Acme/Guestbook.git'],
    ref: 'refs/heads/main',
    defaultBranch: 'main',
    commit: githubPush.after,
  });
});

test('a GitLab push or tag push payload gives the project URLs and ref', () => {
  for (const event of ['Push Hook', 'Tag Push Hook']) {
    const outcome = parseWebhook({ 'x-gitlab-event': event }, body(gitlabPush), {});
    assert.equal(outcome.kind, 'push', event);
    if (outcome.kind !== 'push') continue;
    assert.equal(outcome.push.provider, 'gitlab');
    assert.deepEqual(outcome.push.repoUrls, ['https://gitlab.example.com/group/sub/app', 'https://gitlab.example.com/group/sub/app.git', 'git@gitlab.example.com:group/sub/app.git']);
    assert.equal(outcome.push.ref, 'refs/tags/v1.2.0');
    assert.equal(outcome.push.defaultBranch, 'develop');
  }
});

test('other events are acknowledged and ignored; malformed bodies and unknown senders are refused with 400', () => {
  assert.deepEqual(parseWebhook({ 'x-github-event': 'ping' }, body({ zen: 'hi' }), {}), { kind: 'ignored', reason: 'GitHub event ping is not a push' });
  assert.equal(parseWebhook({ 'x-gitlab-event': 'Merge Request Hook' }, body({}), {}).kind, 'ignored');
  const cases: [Record<string, string>, Buffer, RegExp][] = [
    [{ 'x-github-event': 'push' }, Buffer.from('payload=%7B%7D'), /not JSON: configure the webhook with content type application\/json/],
    [{ 'x-github-event': 'push' }, body([1]), /not a JSON object/],
    [{ 'x-github-event': 'push' }, body({ ref: 'refs/heads/main' }), /names no repository/],
    [{ 'x-gitlab-event': 'Push Hook' }, body({ ref: 'refs/heads/main' }), /names no project/],
    [{}, body(githubPush), /X-GitHub-Event or X-Gitlab-Event header is missing/],
  ];
  for (const [headers, b, message] of cases) {
    const outcome = parseWebhook(headers, b, {});
    assert.equal(outcome.kind, 'refused');
    if (outcome.kind === 'refused') {
      assert.equal(outcome.status, 400);
      assert.match(outcome.message, message);
    }
  }
});

test('with a secret, GitHub needs the body HMAC and GitLab the token; wrong ones are refused with 401', () => {
  const b = body(githubPush);
  const secrets = { github: 's3cret', gitlab: 't0ken' };
  assert.equal(parseWebhook({ 'x-github-event': 'push', 'x-hub-signature-256': sign(b, 's3cret') }, b, secrets).kind, 'push');
  for (const signature of [undefined, sign(b, 'other'), 'sha1=abc', sign(Buffer.from('tampered'), 's3cret')]) {
    const outcome = parseWebhook({ 'x-github-event': 'push', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, b, secrets);
    assert.equal(outcome.kind === 'refused' && outcome.status, 401, String(signature));
  }
  const g = body(gitlabPush);
  assert.equal(parseWebhook({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 't0ken' }, g, secrets).kind, 'push');
  assert.equal(parseWebhook({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'nope' }, g, secrets).kind, 'refused');
  assert.equal(parseWebhook({ 'x-gitlab-event': 'Push Hook' }, g, secrets).kind, 'refused');
  // Without a configured secret nothing is checked.
  assert.equal(parseWebhook({ 'x-github-event': 'push' }, b, {}).kind, 'push');
  assert.equal(verifyGitHubSignature(b, sign(b, 'k').toUpperCase().replace('SHA256=', 'sha256='), 'k'), true);
});

test('repository URLs compare without scheme, user, port, .git, trailing slash or case', () => {
  const same = [
    'https://github.com/acme/guestbook',
    'https://GitHub.com/Acme/Guestbook.git',
    'https://github.com/acme/guestbook/',
    'https://user:pw@github.com/acme/guestbook.git/',
    'http://github.com:443/acme/guestbook',
    'git@github.com:acme/guestbook.git',
    'ssh://git@github.com:22/acme/guestbook.git',
    'git://github.com/acme/guestbook',
  ];
  for (const url of same) assert.equal(repositoryIdentity(url), 'github.com/acme/guestbook', url);
  assert.ok(sameRepository(same[0] as string, same[5] as string));
  assert.ok(!sameRepository('https://github.com/acme/guestbook', 'https://github.com/acme/guestbook-ui'));
  assert.ok(!sameRepository('https://github.com/acme/guestbook', 'https://gitlab.com/acme/guestbook'));
  assert.ok(!sameRepository('https://github.com/acme/guestbook', 'https://github.com/other/guestbook'));
});

test('a pushed ref may move branches and tags of that name, HEAD on the default branch, never a pinned commit', () => {
  const main = { ref: 'refs/heads/main', defaultBranch: 'main' };
  const table: [string | undefined, { ref?: string; defaultBranch?: string }, boolean][] = [
    ['main', main, true],
    ['refs/heads/main', main, true],
    ['HEAD', main, true],
    ['', main, true],
    [undefined, main, true],
    ['dev', main, false],
    ['HEAD', { ref: 'refs/heads/feature', defaultBranch: 'main' }, false],
    ['HEAD', { ref: 'refs/heads/feature' }, true],
    ['HEAD', { ref: 'refs/tags/v1' }, false],
    ['v1', { ref: 'refs/tags/v1' }, true],
    ['refs/tags/v1', { ref: 'refs/tags/v1' }, true],
    ['v2', { ref: 'refs/tags/v1' }, false],
    ['0123456789abcdef0123456789abcdef01234567', main, false],
    ['anything', {}, true],
    ['0123456789abcdef0123456789abcdef01234567', {}, false],
  ];
  for (const [target, push, expected] of table) assert.equal(revisionMayMove(target, push), expected, `${target} vs ${JSON.stringify(push)}`);
});
