/** One file in a tree listing: its path relative to the listed folder, mode, blob id and size. */
export interface TreeEntry {
  path: string;
  mode: string;
  oid: string;
  size: number;
}

/** Git's mode for a symbolic link; its blob holds the link's target path. */
export const SYMLINK_MODE = '120000';

/**
 * Parses `git ls-tree -r -z -l` output into blobs (regular files and symlinks); submodules
 * (`commit` entries) are left out, as a checkout without submodules would leave them empty.
 */
export function parseLsTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', oid = '', size = ''] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob') continue;
    entries.push({ path: record.slice(tab + 1), mode, oid, size: Number(size) });
  }
  return entries;
}

/** One object from `git cat-file --batch`: its content, or null when git reported it missing. */
export type BatchObject = { name: string; type: string; content: Buffer } | { name: string; missing: true };

/**
 * Parses `git cat-file --batch` output: for each requested name either
 * `<oid> <type> <size>\n<content>\n` or `<name> missing\n`.
 */
export function parseCatFileBatch(output: Buffer): BatchObject[] {
  const objects: BatchObject[] = [];
  let pos = 0;
  while (pos < output.length) {
    const eol = output.indexOf(0x0a, pos);
    if (eol < 0) throw new Error('git cat-file --batch output ended inside a header');
    const header = output.subarray(pos, eol).toString('utf8');
    pos = eol + 1;
    const parts = header.split(' ');
    if (parts[parts.length - 1] === 'missing' || parts[parts.length - 1] === 'ambiguous') {
      objects.push({ name: parts.slice(0, -1).join(' '), missing: true });
      continue;
    }
    const size = Number(parts[2]);
    if (parts.length !== 3 || !Number.isInteger(size) || pos + size > output.length) {
      throw new Error(`git cat-file --batch printed an unexpected header ${JSON.stringify(header)}`);
    }
    objects.push({ name: parts[0] as string, type: parts[1] as string, content: Buffer.from(output.subarray(pos, pos + size)) });
    pos += size + 1;
  }
  return objects;
}
