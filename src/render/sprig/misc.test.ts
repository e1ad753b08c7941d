import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ base "a/b/" }}|{{ dir "a/b" }}|{{ dir "a" }}|{{ clean "a//b/../c/." }}|{{ clean "../../x" }}|{{ ext "a.tar.gz" }}|{{ isAbs "/x" }}', 'b|a|.|a/c|../../x|.gz|true'],
  ['{{ osBase "" }}|{{ osDir "/" }}|{{ osClean "/../a" }}|{{ osIsAbs "a" }}|{{ osExt "a/b" }}', '.|/|/a|false|'],
  ['{{ b64enc "coffee" }}|{{ b64dec "Y29mZmVl" }}|{{ b64dec "Y29mZmV" }}|{{ b32enc "coffee" }}|{{ b32dec "MNXWMZTFMU======" }}', 'Y29mZmVl|coffee|illegal base64 data at input byte 4|MNXWMZTFMU======|coffee'],
  ['{{ sha1sum "abc" }}|{{ adler32sum "abc" }}|{{ sha512sum "" | trunc 16 }}', 'a9993e364706816aba3e25717850c26c9cd0d89d|38600999|cf83e1357eefb8bd'],
  ['{{ "plaintext" | encryptAES "secretkey" | decryptAES "secretkey" }}|{{ encryptAES "k" "" }}', 'plaintext|'],
  ['{{ derivePassword 1 "long" "password" "user" "example.com" }}|{{ derivePassword 2 "long" "password" "user" "example.com" }}', 'ZedaFaxcZaso9*|Fovi2@JifpTupx'],
  ['{{ typeOf 1 }}|{{ typeOf 1.5 }}|{{ typeOf nil }}|{{ kindOf (list) }}|{{ kindOf (dict) }}|{{ kindOf nil }}|{{ typeIsLike "semver.Version" (semver "1.0.0") }}', 'int|float64|<nil>|slice|map|invalid|true'],
  ['{{ deepEqual (list 1 (dict "a" 2)) (list 1 (dict "a" 2)) }}|{{ deepEqual 1 1.0 }}|{{ deepEqual (list "a") (splitList "," "a") }}', 'true|false|false'],
  ['{{ env "FOO" }}|{{ env "NOPE" }}|{{ expandenv "$FOO-${FOO}-$NOPE-$$-${}" }}', 'bar||bar-bar---'],
  ['{{ uuidv4 }}|{{ randAlphaNum 4 }}|{{ randNumeric 3 }}|{{ shuffle "ab" }}|{{ randBytes 2 }}', '6ba7b810-9dad-41d1-80b4-00c04fd430c8|ffff|555|ab|gIA='],
  ['{{ $u := urlParse "https://u:p@h.io:8080/a%20b?q=1#f" }}{{ $u.scheme }} {{ $u.userinfo }} {{ $u.host }} {{ $u.hostname }} {{ $u.path }} {{ $u.query }} {{ $u.fragment }}', 'https u:p h.io:8080 h.io /a b q=1 f'],
  ['{{ urlJoin (dict "scheme" "https" "host" "h.io" "path" "/a b" "query" "q=1" "userinfo" "u:p") }}|{{ urlParse "mailto:x@y.z" | urlJoin }}', 'https://u:p@h.io/a%20b?q=1|mailto:x@y.z'],
];

test('path, encoding, crypto, reflection, os, random and url functions', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('secret generators and network look-ups say they are not supported', () => {
  for (const name of ['genPrivateKey "rsa"', 'genCA "x" 365', 'bcrypt "x"', 'htpasswd "u" "p"']) assert.match(renderError(`{{ ${name} }}`), /not supported/);
  assert.match(renderError('{{ getHostByName "example.com" }}'), /not supported/);
  assert.match(renderError('{{ fail "stop here" }}'), /error calling fail: stop here/);
  assert.match(renderError('{{ randAlpha 3 }}', {}, {}), /no random source was injected/);
});
