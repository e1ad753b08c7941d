/**
 * How Go's yaml.v2 (the library kustomize's output goes through) resolves a plain scalar: a
 * string that would read back as something else (a bool, a number, null, a timestamp) has to be
 * quoted when written.
 */

const NON_STRING_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', '~',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_FLOAT_DOT = /^\.([0-9]+([eE][-+]?[0-9]+)?|[0-9]*\.?[0-9]*[eE][-+]?[0-9]+)$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ ]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]*)?([ ]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** True when yaml.v2 would read the plain scalar back as a string (so it may be written plain). */
export function resolvesAsString(text: string): boolean {
  if (text === '' || NON_STRING_WORDS.has(text)) return false;
  const first = text[0] ?? '';
  if (first === '.') return !GO_FLOAT_DOT.test(text);
  if (!/[-+0-9]/.test(first)) return true;
  if (/^[0-9]/.test(first) && TIMESTAMP.test(text)) return false;
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain) || YAML_FLOAT.test(plain)) return false;
  return true;
}

/** True for sexagesimal-looking strings ("1:20") that yaml.v2 always quotes. */
export function isBase60Float(text: string): boolean {
  return BASE60_FLOAT.test(text);
}

/**
 * Orders map keys as yaml.v2 does: letters after other characters, runs of digits compared as
 * numbers, otherwise by code point.
 */
export function compareGoYamlKeys(a: string, b: string): number {
  if (a === b) return 0;
  return goKeyLess(a, b) ? -1 : 1;
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function goKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    return compareDigitRuns(ar, br, i);
  }
  return ar.length < br.length;
}

function compareDigitRuns(ar: string[], br: string[], i: number): boolean {
  let an = 0n;
  let bn = 0n;
  if (ar[i] === '0' || br[i] === '0') {
    for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
      if (ar[j] !== '0') {
        an = 1n;
        bn = 1n;
        break;
      }
    }
  }
  let ai = i;
  for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(Number(ar[ai]));
  let bi = i;
  for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(Number(br[bi]));
  if (an !== bn) return an < bn;
  if (ai !== bi) return ai < bi;
  return (ar[i] as string) < (br[i] as string);
}
