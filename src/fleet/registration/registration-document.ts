import { fail, ok, type Result } from '../../core/index.js';
import type { RegistrationProblem } from './registration.js';

/** The data keys that may hold the whole registration JSON, in order of preference. */
export const DOCUMENT_KEYS = ['config', 'registration', 'registration.json', 'secretString'] as const;

/** Keys of the reference JSON whose values are objects, so a flattened secret carries them as JSON text. */
const OBJECT_FIELDS = new Set(['labels', 'annotations']);

/**
 * Finds the registration JSON in a secret's (decoded) data. Three layouts are read:
 * - the whole JSON under `config` (what gantry writes; also `registration`, `registration.json`,
 *   `secretString`), or under the only key of a single-key secret (an ExternalSecret's
 *   `data[].secretKey` of any name syncing a Secrets Manager `SecretString`);
 * - flattened, one key per top-level field (an ExternalSecret's `dataFrom.extract` of the same
 *   SecretString): recognised by a `cluster_name` key; `labels` and `annotations` hold JSON text.
 */
export function registrationDocumentOf(data: Record<string, string>): Result<unknown, RegistrationProblem> {
  if ('cluster_name' in data) return flattenedDocument(data);
  const keys = Object.keys(data);
  const key = DOCUMENT_KEYS.find((k) => k in data) ?? (keys.length === 1 ? keys[0] : undefined);
  if (key === undefined) {
    const found = keys.length ? `keys ${keys.join(', ')}` : 'no data';
    return fail({ field: 'data', message: `no registration JSON found (${found}): put the JSON under data key "config"` });
  }
  return parseJson(data[key] ?? '', `data.${key}`);
}

function flattenedDocument(data: Record<string, string>): Result<unknown, RegistrationProblem> {
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!OBJECT_FIELDS.has(key)) {
      doc[key] = value;
      continue;
    }
    const parsed = parseJson(value, `data.${key}`);
    if (!parsed.ok) return parsed;
    doc[key] = parsed.value;
  }
  return ok(doc);
}

function parseJson(text: string, field: string): Result<unknown, RegistrationProblem> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    // Only the position: the parser's message quotes the text, which may hold a token.
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    return fail({ field, message: `is not valid JSON${at ? ` (at position ${at[1]})` : ''}` });
  }
}
