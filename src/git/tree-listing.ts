/** One file in a tree listing: its path relative to the listed folder, mode and blob id. */
export interface TreeEntry {
  path: string;
  mode: string;
  oid: string;
}

/** Git's mode for a symbolic link; its blob holds the link's target path. */
export const SYMLINK_MODE = '120000';

/** One entry of a git tree object: mode (octal text), name, and object id (hex). */
export interface TreeObjectEntry {
  mode: string;
  name: string;
  oid: string;
}

/**
 * Parses a tree object's raw content (`<mode> <name>\0<id bytes>` repeated), as
 * `git cat-file --batch` returns it. `oidBytes` is 20 for SHA-1 repositories, 32 for SHA-256.
 */
export function parseTreeObject(content: Buffer, oidBytes: number): TreeObjectEntry[] {
  const entries: TreeObjectEntry[] = [];
  let pos = 0;
  while (pos < content.length) {
    const space = content.indexOf(0x20, pos);
    const nul = space < 0 ? -1 : content.indexOf(0x00, space);
    if (space < 0 || nul < 0 || nul + 1 + oidBytes > content.length) throw new Error('a git tree object ended inside an entry');
    entries.push({
      mode: content.subarray(pos, space).toString('latin1'),
      name: content.subarray(space + 1, nul).toString('utf8'),
      oid: content.subarray(nul + 1, nul + 1 + oidBytes).toString('hex'),
    });
    pos = nul + 1 + oidBytes;
  }
  return entries;
}

/** Tree modes: a folder, and a submodule (a commit of another repository, left out like a checkout without submodules). */
export const TREE_MODE = '40000';
export const GITLINK_MODE = '160000';
