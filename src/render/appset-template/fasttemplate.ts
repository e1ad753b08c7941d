/**
 * ApplicationSet's default templating: valyala/fasttemplate with `{{` `}}` tags, as Argo CD uses
 * it. A tag's trimmed text names a string parameter; tags naming nothing (or a non-string) are
 * left as written. A `{{` without its `}}` is an error.
 */
import { InputError } from '../../core/index.js';

/** Replaces `{{ name }}` tags with string parameters; throws on an unclosed tag. */
export function replaceFastTemplate(text: string, params: Readonly<Record<string, unknown>>): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const start = text.indexOf('{{', pos);
    if (start < 0) return out + text.slice(pos);
    const end = text.indexOf('}}', start + 2);
    if (end < 0) {
      throw new InputError(`invalid template: cannot find end tag="}}" in the template=${JSON.stringify(text)} starting from ${JSON.stringify(text.slice(start + 2))}`);
    }
    out += text.slice(pos, start);
    const tag = text.slice(start + 2, end);
    const key = tag.trim();
    const value = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
    out += key !== '' && typeof value === 'string' ? value : `{{${tag}}}`;
    pos = end + 2;
  }
}
