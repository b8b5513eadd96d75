/**
 * Where a pack goes (docs/formats/pack-v1.md §Names): the folder and its zip are named after the
 * quarter and the build time, and the vault keeps each zip under `packs/<quarter>/`.
 */
export const PACKS_PREFIX = 'packs/';

const PACK_NAME = /^evidence-pack-(\d{4}-Q[1-4])-(\d{8}T\d{6}Z)$/;

/** `evidence-pack-2026-Q3-20261001T060000Z` */
export function packName(quarter: string, generatedAt: Date): string {
  const stamp = generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `evidence-pack-${quarter}-${stamp}`;
}

export function packVaultKey(quarter: string, name: string): string {
  return `${PACKS_PREFIX}${quarter}/${name}.zip`;
}

/** The newest pack zip of the quarter among vault keys (names sort by build time), or undefined. */
export function newestPackKey(keys: readonly string[], quarter: string): string | undefined {
  const prefix = `${PACKS_PREFIX}${quarter}/`;
  return keys
    .filter((k) => k.startsWith(prefix) && k.endsWith('.zip') && PACK_NAME.test(k.slice(prefix.length, -'.zip'.length)))
    .sort()
    .at(-1);
}
