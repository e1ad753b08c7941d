import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCgiEnv, parseCgiHead } from './cgi.js';

test('parseCgiHead waits for the blank line, then splits status, headers and body', () => {
  type Want = { status: number; headers: [string, string][]; body: string } | undefined;
  const cases: { name: string; output: string; want: Want }[] = [
    { name: 'incomplete', output: 'Status: 200 OK\r\nContent-Type: x', want: undefined },
    {
      name: 'CRLF with status',
      output: 'Status: 404 Not Found\r\nContent-Type: text/plain\r\nExpires: never\r\n\r\nbody\r\n\r\nmore',
      want: { status: 404, headers: [['Content-Type', 'text/plain'], ['Expires', 'never']], body: 'body\r\n\r\nmore' },
    },
    {
      name: 'LF without status defaults to 200',
      output: 'Content-Type: application/x-git-upload-pack-result\n\n0008NAK\n',
      want: { status: 200, headers: [['Content-Type', 'application/x-git-upload-pack-result']], body: '0008NAK\n' },
    },
    { name: 'nonsense status', output: 'Status: teapot\r\n\r\n', want: { status: 502, headers: [], body: '' } },
  ];
  for (const c of cases) {
    const got = parseCgiHead(Buffer.from(c.output, 'latin1'));
    const actual = got && { status: got.status, headers: got.headers, body: c.output.slice(got.bodyOffset) };
    assert.deepEqual(actual, c.want, c.name);
  }
});

test('buildCgiEnv sets the CGI variables git http-backend reads, and only those present', () => {
  const env = buildCgiEnv(
    {
      method: 'POST',
      pathInfo: '/app.git/git-receive-pack',
      query: '',
      headers: {
        'content-type': 'application/x-git-receive-pack-request',
        'content-length': '120',
        'content-encoding': 'gzip',
        'git-protocol': 'version=2',
      },
      remoteAddress: '127.0.0.1',
      remoteUser: 'al\nice',
    },
    '/srv/repos',
    { PATH: '/usr/bin', GIT_TERMINAL_PROMPT: '0' },
  );
  assert.deepEqual(env, {
    PATH: '/usr/bin',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PROJECT_ROOT: '/srv/repos',
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: 'POST',
    PATH_INFO: '/app.git/git-receive-pack',
    QUERY_STRING: '',
    REMOTE_ADDR: '127.0.0.1',
    CONTENT_TYPE: 'application/x-git-receive-pack-request',
    CONTENT_LENGTH: '120',
    HTTP_CONTENT_ENCODING: 'gzip',
    HTTP_GIT_PROTOCOL: 'version=2',
    REMOTE_USER: 'alice',
  });
  const bare = buildCgiEnv({ method: 'GET', pathInfo: '/a.git/info/refs', query: 'service=git-upload-pack', headers: {} }, '/r', {});
  assert.equal('CONTENT_LENGTH' in bare, false);
  assert.equal('REMOTE_USER' in bare, false);
  assert.equal('HTTP_CONTENT_ENCODING' in bare, false);
  assert.equal(bare.QUERY_STRING, 'service=git-upload-pack');
});
