/**
 * Reads a packaged chart (.tgz): gunzip, then a small tar reader for regular files with ustar
 * prefixes, PAX `path` records and GNU long names. The chart's top directory is stripped, as
 * Helm's archive loader strips it.
 */
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../core/index.js';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const s = field(header, start, length).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function paxPath(data: Buffer): string | undefined {
  const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
  return m?.[1];
}

/** Lists the regular files of a tar archive by path. */
export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') longName = field(data, 0, data.length);
    else if (type === 'x') longName = paxPath(data) ?? longName;
    else if (type === '0' || type === '\0' || type === '7') {
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix === '' ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`);
      files.set(name, Buffer.from(data));
      longName = undefined;
    } else longName = undefined;
  }
  return files;
}

/** Reads a .tgz chart into its files, without the archive's top directory. */
export function readChartArchive(tgz: Buffer, name: string): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz);
  } catch (error) {
    throw new InputError(`chart archive ${name}: not a gzip file: ${(error as Error).message}`);
  }
  const out = new Map<string, Buffer>();
  for (const [entry, data] of readTar(tar)) {
    const parts = entry.replace(/^\.\//, '').split('/');
    if (parts.length < 2) continue;
    out.set(parts.slice(1).join('/'), data);
  }
  return out;
}
