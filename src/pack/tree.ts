import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PACK_FILES } from './model';

/**
 * The pack folder as a list of files (docs/formats/pack-v1.md §SHA256SUMS): every regular file,
 * paths relative to the pack root with `/`, in byte order of the whole path. Directory names
 * sort as `name/`, so a per-directory walk yields exactly that order without holding the list.
 */
export async function* packFiles(root: string, rel = ''): AsyncGenerator<string> {
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
  const named = entries.map((e) => ({ e, sortKey: e.isDirectory() ? `${e.name}/` : e.name }));
  named.sort((a, b) => Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)));
  for (const { e } of named) {
    const key = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) yield* packFiles(root, key);
    else if (e.isFile()) yield key;
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * SHA256SUMS in coreutils format (`<hex>  <path>`, two spaces, LF), covering every other file
 * of the pack, so that `sha256sum -c SHA256SUMS` run in the pack folder checks them all.
 */
export async function writeSums(root: string, known: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const handle = await fs.open(path.join(root, PACK_FILES.sums), 'wx');
  try {
    for await (const rel of packFiles(root)) {
      if (rel === PACK_FILES.sums) continue;
      await handle.write(`${known.get(rel) ?? (await sha256File(path.join(root, rel)))}  ${rel}\n`);
    }
  } finally {
    await handle.close();
  }
}
