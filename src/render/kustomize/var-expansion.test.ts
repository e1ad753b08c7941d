import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonValue } from './json-value.js';
import { expandVarReferences } from './var-expansion.js';

const vars: Record<string, JsonValue> = { NAME: 'web', PORT: 8080, ON: true };
const mapping = (name: string): JsonValue | undefined => vars[name];

const cases: Array<{ name: string; input: string; want: JsonValue }> = [
  { name: 'a reference inside a string', input: 'http://$(NAME):80', want: 'http://web:80' },
  { name: 'a whole reference keeps the type', input: '$(PORT)', want: 8080 },
  { name: 'a bool inside a string is printed', input: 'on=$(ON)', want: 'on=true' },
  { name: 'unknown names stay as written', input: '$(OTHER)-$(NAME)', want: '$(OTHER)-web' },
  { name: '$$ escapes a dollar', input: '$$(NAME)', want: '$(NAME)' },
  { name: 'an unclosed reference stays', input: '$(NAME', want: '$(NAME' },
];

for (const c of cases) {
  test(`var expansion: ${c.name}`, () => {
    assert.deepEqual(expandVarReferences(c.input, mapping), c.want);
  });
}
