import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sprintf } from './fmt-printf.js';
import { sprint, sprintln } from './fmt.js';
import type { GoValue } from './value.js';
import { GoComplex, goInt } from './value.js';

const i = (n: number): GoValue => goInt(n);

// Expected texts are Go 1.19's fmt.Sprintf output for the same arguments.
const cases: Array<[string, GoValue[], string]> = [
  ['%d|%5d|%-5d|%05d|%+d|% d', [i(42), i(42), i(42), i(-42), i(5), i(5)], '42|   42|42   |-0042|+5| 5'],
  ['%x|%X|%o|%#o|%#x|%b|%O', [i(255), i(255), i(8), i(8), i(255), i(5), i(8)], 'ff|FF|10|010|0xff|101|0o10'],
  ['%c|%q|%U|%#U', [i(65), i(65), i(0x1f600), i(65)], "A|'A'|U+1F600|U+0041 'A'"],
  ['%.0d|%.3d|%6.3d', [i(0), i(7), i(-7)], '|007|  -007'],
  ['%v|%g|%e|%f|%.2f|%8.3f', [1e6, 0.00001, 1234.5678, 3.5, 2.675, -3.14159], '1e+06|1e-05|1.234568e+03|3.500000|2.67|  -3.142'],
  ['%v %v %v %v', [123456, 1234567, 0.0001, 1e21], '123456 1.234567e+06 0.0001 1e+21'],
  ['%.0f %.0f %.1f %.2f', [0.5, 2.5, 0.05, 0.125], '0 2 0.1 0.12'],
  ['%#g|%#.3g|%G|%E', [1.5, 2.0, 1e-7, 1234.5], '1.50000|2.00|1E-07|1.234500E+03'],
  ['%x|%X|%b', [3.5, -1.0, 1.0], '0x1.cp+01|-0X1P+00|4503599627370496p-52'],
  ['%08.3f|%+.1e|%-8.2f|', [-3.14159, 12345.678, 2.5], '-003.142|+1.2e+04|2.50    |'],
  ['%s|%q|%#q|%+q|%x|% x|%#x', ['hi', 'a\tb"', 'ab', 'é', 'hi', 'hi', 'hi'], 'hi|"a\\tb\\""|`ab`|"\\u00e9"|6869|68 69|0x6869'],
  ['%6.2s|%-6s|%06s|', ['hello', 'ab', 'ab'], '    he|ab    |0000ab|'],
  ['%t|%v|%5t', [true, false, true], 'true|false| true'],
  ['%v|%d|%s', [[i(1), 'a', null], [1.5], { b: 1, a: [true] }], '[1 a <nil>]|[%!d(float64=1.5)]|map[a:[%!s(bool=true)] b:%!s(float64=1)]'],
  ['%T %T %T %T %T %T', [i(1), 1.5, 's', [], {}, null], 'int float64 string []interface {} map[string]interface {} <nil>'],
  ['%v %.2f', [new GoComplex(1, -2), new GoComplex(0.5, 1.5)], '(1-2i) (0.50+1.50i)'],
  ['%d %d', [i(1)], '1 %!d(MISSING)'],
  ['%d', [i(1), i(2), 'x'], '1%!(EXTRA int=2, string=x)'],
  ['%!|%z|%', [i(1), i(3)], '%!!(int=1)|%!z(int=3)|%!(NOVERB)'],
  ['%s|%d|%d', [i(1), 's', null], '%!s(int=1)|%!d(string=s)|%!d(<nil>)'],
  ['%[2]d %[1]d|%*d|%-*d|', [i(1), i(2), i(3), i(4), i(-3), i(5)], '2 1| 3|-3  |'],
  ['%[5]d', [i(1)], '%!d(BADINDEX)'],
  ['%6.2f%%', [99.5], ' 99.50%'],
  ['%+v|%#v', [{ a: [i(1), 'x'] }, { a: [i(1), 'x'] }], 'map[a:[1 x]]|map[string]interface {}{"a":[]interface {}{1, "x"}}'],
];

for (const [format, args, want] of cases) {
  test(`sprintf ${JSON.stringify(format)}`, () => {
    assert.equal(sprintf(format, args), want);
  });
}

test('sprint puts spaces between operands only when neither is a string', () => {
  assert.equal(sprint(['a', i(1), i(2), 'b', 'c', 3.5, true, null]), 'a1 2bc3.5 true <nil>');
});

test('sprintln always separates and ends with a newline', () => {
  assert.equal(sprintln(['a', i(1), 'b']), 'a 1 b\n');
});
