import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUrlRewrite, type UrlRewrite } from '../git/index.js';

/** The running instance's --git-mirror rules, so CLI commands that read git (plan, app diff, appset preview) read what it reads. */
const MIRRORS_FILE = 'git-mirrors.json';

/** Records the instance's mirrors in its data directory (rewritten at every start: the flags are the source). */
export function writeInstanceMirrors(dataDir: string, mirrors: UrlRewrite[]): void {
  writeFileSync(join(dataDir, MIRRORS_FILE), `${JSON.stringify(mirrors.map((m) => `${m.from}=${m.to}`), null, 2)}\n`);
}

/** The mirrors the instance of `dataDir` was started with; none when it never recorded any. */
export function readInstanceMirrors(dataDir: string): UrlRewrite[] {
  let specs: unknown;
  try {
    specs = JSON.parse(readFileSync(join(dataDir, MIRRORS_FILE), 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(specs)) return [];
  return specs.flatMap((s) => {
    const parsed = typeof s === 'string' ? parseUrlRewrite(s) : undefined;
    return parsed?.ok ? [parsed.value] : [];
  });
}
