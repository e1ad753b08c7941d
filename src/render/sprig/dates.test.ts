import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from './duration.js';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ now }}|{{ now | date "Mon Jan _2 15:04:05.000 2006" }}|{{ now | htmlDate }}', '2024-01-02 03:04:05 +0000 UTC|Tue Jan  2 03:04:05.000 2024|2024-01-02'],
  ['{{ toDate "2006-01-02" "2017-12-31" | date "02/01/2006" }}|{{ toDate "2006-01-02" "2017-12-31" }}|{{ toDate "x" "y" }}', '31/12/2017|2017-12-31 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC'],
  ['{{ dateInZone "2006-01-02 15:04 MST -07:00" 1560458379 "America/New_York" }}|{{ htmlDateInZone 0 "Asia/Tokyo" }}|{{ dateInZone "15:04" 0 "nowhere" }}', '2019-06-13 16:39 EDT -04:00|1970-01-01|00:00'],
  ['{{ date "2006" .f }}|{{ date "3:04PM" (toDate "15:04" "13:05") }}|{{ (toDate "-0700" "+0530").Format "Z07:00 -0700 -07" }}|{{ toDate "-0700" "+0530" | date "Z07:00" }}', '2024|1:05PM|+05:30 +0530 +05|Z', { f: 1.5 }],
  ['{{ toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T10:00:00.123+02:00" | unixEpoch }}|{{ (toDate "2006-01-02" "2020-02-29").YearDay }}', '1582963200|60'],
  ['{{ now | dateModify "-1.5h" | date "15:04" }}|{{ now | dateModify "bad" | date "15:04" }}|{{ (now.AddDate 0 1 30).Format "2006-01-02" }}', '01:34|03:04|2024-03-03'],
  ['{{ ago (toDate "2006-01-02" "2024-01-01") }}|{{ ago .f }}', '27h4m5s|0s', { f: 1 }],
  ['{{ duration "3600" }}|{{ duration "93784" }}|{{ duration 95 }}|{{ duration (int64 "95") }}', '1h0m0s|26h3m4s|0s|1m35s'],
  ['{{ durationRound "2h5s" }}|{{ durationRound "24h5s" }}|{{ durationRound "2400h5s" }}|{{ durationRound "9000h" }}|{{ durationRound "1s" }}', '2h|1d|3mo|1y|0s'],
  ['{{ (now).Weekday }} {{ now.Month }} {{ now.Year }} {{ now.IsZero }} {{ (toDate "x" "").IsZero }}', 'Tuesday January 2024 false true'],
];

test('date functions render as Sprig does with a fixed clock', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('Local follows the injected zone', () => {
  const options = { now: () => new Date('2024-07-01T12:00:00Z'), timeZone: 'Europe/Berlin' };
  assert.equal(render('{{ now | date "15:04 -0700" }}|{{ toDate "2006-01-02 15:04" "2024-07-01 14:00" | unixEpoch }}', {}, options), '14:00 +0200|1719835200');
});

test('Go durations parse and print', () => {
  const cases: Array<[string, string]> = [['1h2m3.5s', '1h2m3.5s'], ['-1.5h', '-1h30m0s'], ['300ms', '300ms'], ['1.5us', '1.5µs'], ['0', '0s'], ['90m', '1h30m0s']];
  for (const [input, want] of cases) assert.equal(formatDuration(parseDuration(input)), want, input);
  assert.throws(() => parseDuration('1'), /missing unit/);
  assert.throws(() => parseDuration('1x'), /unknown unit "x"/);
});

test('missing sources and bad input fail clearly', () => {
  assert.match(renderError('{{ now }}', {}, {}), /no now source was injected/);
  assert.match(renderError('{{ mustToDate "2006-01-02" "2020-13-01" }}'), /month out of range/);
  assert.match(renderError('{{ mustToDate "2006-01-02" "x" }}'), /cannot parse "x" as "2006"/);
  assert.match(renderError('{{ unixEpoch 1 }}'), /can't handle 1 for arg of type time\.Time/);
});
