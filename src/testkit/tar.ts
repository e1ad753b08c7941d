import { gzipSync } from 'node:zlib';

/** One ustar entry: header (with its checksum) and the data padded to 512 bytes. */
function tarEntry(name: string, data: string): Buffer {
  const body = Buffer.from(data);
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\x0000', 257);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** A gzipped tar of `files` (path to text), in the given order, as a packaged Helm chart (.tgz) is. */
export function gzippedTar(files: Record<string, string>): Buffer {
  const entries = Object.entries(files).map(([name, data]) => tarEntry(name, data));
  return gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
}
