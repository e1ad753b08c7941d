/**
 * The disk cache of downloaded charts: one .tgz per repository, chart and version, written
 * atomically (a temporary file renamed into place) so a crash never leaves half an archive.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where a chart version of a repository is cached. */
export function cachedChartPath(cacheDir: string, repoURL: string, name: string, version: string): string {
  const repo = createHash('sha256').update(repoURL).digest('hex').slice(0, 16);
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._+-]/g, '_');
  return path.join(cacheDir, repo, `${safe(name)}-${safe(version)}.tgz`);
}

/** The cached archive, or undefined when there is none. */
export async function readCachedChart(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Stores an archive in the cache. */
export async function writeCachedChart(file: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/** The SHA-256 of bytes in hex, as Helm's index records digests. */
export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
