/**
 * Which zip entry names are safe (docs/verification.md §Verifying a pack, zip): a pack zip holds
 * exactly one top folder, and no name may point anywhere else once joined to a target folder.
 * Pure, shared by the verifier (which reads entries in place) and extractPackZip (which writes).
 */
export interface NamedEntry {
  /** The name as stored (decoded; backslashes kept, never silently turned into slashes). */
  name: string;
  /** Unix mode from the entry's external attributes (0 when the zip was not made on Unix). */
  mode: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export function unixMode(externalFileAttributes: number): number {
  return (externalFileAttributes >>> 16) & 0xffff;
}

/** Why a name is unsafe on its own, or null. */
export function unsafeName(e: NamedEntry): string | null {
  const n = e.name;
  if (n.length === 0) return 'an empty name';
  if (n.includes('\\')) return 'a backslash (a path separator on Windows)';
  if (n.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(n)) return 'a drive letter';
  if (hasControlChar(n)) return 'a control character';
  const segments = n.split('/');
  if (segments.some((s) => s === '..')) return 'a `..` segment';
  if (segments.slice(0, -1).some((s) => s === '' || s === '.')) return 'an empty or `.` segment';
  const type = e.mode & S_IFMT;
  if (type === S_IFLNK) return 'a symbolic link';
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) return 'a special file (device, FIFO or socket)';
  return null;
}

export interface PlacedEntry<T> {
  /** Key relative to the top folder (`pack.json`, `manifests/…`); null for directory entries. */
  key: string | null;
  entry: T;
}

export interface NameCheck<T> {
  top: string | null;
  placed: PlacedEntry<T>[];
  unsafe: Array<{ name: string; why: string }>;
}

/**
 * Checks every name, the single top folder and duplicates (compared after case folding too: on
 * a case-insensitive disk two such names are one file). Unsafe entries are left out of `placed`.
 */
export function checkNames<T>(entries: readonly T[], named: (e: T) => NamedEntry): NameCheck<T> {
  const unsafe: Array<{ name: string; why: string }> = [];
  // Each name is decoded once: a pack zip has a hundred thousand entries.
  const all = entries.map((e) => ({ e, n: named(e) }));
  const firstSegment = (n: string): string => n.split('/', 1)[0] ?? '';
  // The pack's folder is the top-level name most entries share; an entry anywhere else is unsafe.
  const tops = new Map<string, number>();
  for (const { n } of all) tops.set(firstSegment(n.name), (tops.get(firstSegment(n.name)) ?? 0) + 1);
  const ranked = [...tops].filter(([t]) => t !== '' && t !== '..' && t !== '.').sort((a, b) => b[1] - a[1]);
  const top = ranked[0] !== undefined && ranked[0][1] !== ranked[1]?.[1] ? ranked[0][0] : null;
  const seen = new Map<string, number>();
  for (const { n } of all) {
    const folded = n.name.replace(/\/$/, '').toLowerCase();
    seen.set(folded, (seen.get(folded) ?? 0) + 1);
  }
  const placed: PlacedEntry<T>[] = [];
  for (const { e, n } of all) {
    const { name } = n;
    const why =
      unsafeName(n) ??
      (top === null || !name.startsWith(`${top}/`) ? `a place outside the single top folder${top === null ? ` (no one top-level name is shared by most entries)` : ` ${top}/`}` : null) ??
      ((seen.get(name.replace(/\/$/, '').toLowerCase()) ?? 0) > 1 ? 'a duplicate name (another entry has the same name, ignoring case)' : null);
    if (why !== null) {
      unsafe.push({ name, why });
      continue;
    }
    const rest = name.slice((top as string).length + 1);
    const isDir = name.endsWith('/') || (n.mode & S_IFMT) === S_IFDIR;
    placed.push({ key: isDir || rest === '' ? null : rest, entry: e });
  }
  return { top, placed, unsafe };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/** A C0 control character or DEL (shared with SHA256SUMS path checks). */
export function hasControlChar(s: string): boolean {
  return CONTROL_CHAR.test(s);
}
