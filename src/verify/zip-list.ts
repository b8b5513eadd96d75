import type * as yauzl from 'yauzl';

/** A zip's central directory, every entry, in order (yauzl lazyEntries); no entry data is read. */
export const MAX_ZIP_ENTRIES = 1_000_000;

export function listZipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  if (zip.entryCount > MAX_ZIP_ENTRIES) return Promise.reject(new Error(`${zip.entryCount} entries, more than ${MAX_ZIP_ENTRIES}`));
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}
