import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, renderError } from './test-support.js';
import type { Row } from './test-support.js';

const rows: Row[] = [
  ['{{ add 1 2 "3" 4.9 }}|{{ add1 1 }}|{{ sub 5 7 }}|{{ mul 2 "3" }}|{{ div 7 2 }}|{{ mod -7 2 }}', '10|2|-2|6|3|-1'],
  ['{{ max 1 5 3 }}|{{ biggest 2 }}|{{ min 4 "2" 3 }}|{{ maxf 1 2.5 }}|{{ minf 1.5 "0.5" }}', '5|2|2|2.5|0.5'],
  ['{{ addf 0.1 0.2 }}|{{ add1f 1.5 }}|{{ subf 1 0.9 }}|{{ mulf 1.1 3 }}|{{ divf 1 3 }}|{{ divf 2 3 }}', '0.3|2.5|0.1|3.3|0.3333333333333333|0.6666666666666667'],
  ['{{ ceil 1.2 }}|{{ floor "1.8" }}|{{ round 123.5555 3 }}|{{ round 123.2329999 2 0.3 }}|{{ round -1.5 0 }}', '2|1|123.556|123.23|-2'],
  ['{{ int64 "0x1F" }}|{{ int "010" }}|{{ int "1_000" }}|{{ int "08" }}|{{ int 3.9 }}|{{ int true }}', '31|8|1000|0|3|1'],
  ['{{ float64 "1e3" }}|{{ float64 "x" }}|{{ atoi "42" }}|{{ atoi "4.2" }}|{{ toDecimal "777" }}|{{ toDecimal 8 }}', '1000|0|42|0|511|0'],
  ['{{ seq 5 }}|{{ seq -2 }}|{{ seq 2 4 }}|{{ seq 0 3 10 }}|{{ seq 3 -3 2 }}|{{ seq }}', '1 2 3 4 5|1 0 -1 -2|2 3 4|0 3 6 9|3|'],
  ['{{ until 3 }}|{{ untilStep 0 10 4 }}|{{ untilStep 3 0 1 }}|{{ printf "%T" (until 1) }}', '[0 1 2]|[0 4 8]|[]|[]int'],
  ['{{ add 9223372036854775807 1 }}|{{ printf "%T" (add 1) }}|{{ randInt 10 20 }}', '-9223372036854775808|int64|15'],
];

test('math functions render as Sprig does', () => {
  for (const [template, want, data] of rows) assert.equal(render(template, data), want, template);
});

test('math functions fail as Go does', () => {
  assert.match(renderError('{{ div 1 0 }}'), /integer divide by zero/);
  assert.match(renderError('{{ divf 1 0 }}'), /decimal division by zero/);
  assert.match(renderError('{{ randInt 5 5 }}'), /invalid argument to Intn/);
});
