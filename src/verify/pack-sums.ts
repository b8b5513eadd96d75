import { mapPool } from '../core/pool';
import { PACK_FILES } from '../pack/model';
import { READ_CONCURRENCY } from './artifacts';
import { Failures, type VerifyFailure } from './codes';
import type { TrustedKey } from './keys';
import { checkDetachedSignature } from './pack-signature';
import type { PackSource } from './pack-source';
import { LIMITS } from './reader';
import { hasControlChar } from './zip-names';

/**
 * SHA256SUMS (docs/formats/pack-v1.md §SHA256SUMS): coreutils format, one `<64 hex>  <path>`
 * line per file of the pack except itself and SHA256SUMS.sig, sorted by path, LF line ends. It
 * is what `sha256sum -c SHA256SUMS` checks; SHA256SUMS.sig is what makes its hashes signed.
 */
const LINE = /^([0-9a-f]{64}) {2}(.+)$/;

export type SumsParse = { ok: true; sums: Map<string, string> } | { ok: false; problems: string[] };

export function parseSums(bytes: Buffer): SumsParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, problems: ['not valid UTF-8'] };
  }
  if (text.length === 0) return { ok: false, problems: ['empty'] };
  if (!text.endsWith('\n')) return { ok: false, problems: ['the last line does not end with LF'] };
  const problems: string[] = [];
  const sums = new Map<string, string>();
  let prior = '';
  text.slice(0, -1).split('\n').forEach((line, i) => {
    const m = LINE.exec(line);
    if (m === null) {
      problems.push(`line ${i + 1}: expected "<64 lowercase hex>  <path>", found ${JSON.stringify(line.slice(0, 120))}`);
      return;
    }
    const [, sha256, file] = m as unknown as [string, string, string];
    const why = unsafeSumsPath(file);
    if (why !== null) problems.push(`line ${i + 1}: path ${JSON.stringify(file)} ${why}`);
    else if (sums.has(file)) problems.push(`line ${i + 1}: ${file} is listed twice`);
    else if (file <= prior) problems.push(`line ${i + 1}: ${file} is not after ${prior} (lines are sorted by path)`);
    sums.set(file, sha256);
    prior = file > prior ? file : prior;
  });
  return problems.length === 0 ? { ok: true, sums } : { ok: false, problems };
}

function unsafeSumsPath(p: string): string | null {
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is absolute';
  if (p.includes('\\')) return 'has a backslash (coreutils escapes it: not a plain path)';
  if (hasControlChar(p)) return 'has a control character';
  if (p.split('/').some((s) => s === '..' || s === '.' || s === '')) return 'escapes the pack or is not normalized (`..`, `.` or empty segment)';
  if (p === PACK_FILES.sums || p === PACK_FILES.sumsSig) return 'lists SHA256SUMS or its signature, which it cannot cover';
  return null;
}

/** Structural files have their own size limit and check; only the others are reported here when too large. */
function limitFor(key: string): { limit: number; structural: boolean } {
  if (key === PACK_FILES.packJson) return { limit: LIMITS.packJson, structural: true };
  if (key.endsWith('.sig')) return { limit: LIMITS.signature, structural: true };
  if (key.startsWith('manifests/')) return { limit: LIMITS.manifest, structural: true };
  if (key.startsWith('artifacts/')) return { limit: LIMITS.artifact, structural: true };
  if (key === PACK_FILES.publicKey) return { limit: LIMITS.publicKey, structural: true };
  return { limit: LIMITS.packFile, structural: false };
}

/**
 * The SHA256SUMS check, fed as the pack is read (docs/verification.md §Verifying a pack, step 4):
 * every file the other checks read anyway (manifests, signatures, artifacts) is compared from
 * that one read through `seen`; `finish` hashes the files nothing else read (report.pdf, the
 * OSCAL results, README.txt, an artifact refused from its size, …) and reports every mismatch
 * in SHA256SUMS order. What is kept: the listed hashes still to compare, and the mismatches.
 */
export class SumsCheck {
  private readonly mismatched = new Map<string, { expected: string; actual: string }>();

  private constructor(
    private readonly source: PackSource,
    private readonly pending: Map<string, string>,
    private readonly present: ReadonlySet<string>,
    private readonly failures: Failures,
  ) {}

  /** Reads, checks the signature of and parses SHA256SUMS; null when it cannot be used (reported). */
  static async open(source: PackSource, trusted: TrustedKey | null, failures: Failures): Promise<SumsCheck | null> {
    const present = new Set(source.entries.filter((e) => e.kind === 'file').map((e) => e.key));
    if (!present.has(PACK_FILES.sums)) {
      failures.add('SUMS_MISSING', PACK_FILES.sums, `${PACK_FILES.sums}: expected the pack's checksum list, found none`);
      return null;
    }
    const read = await source.read(PACK_FILES.sums, LIMITS.sums);
    if (!read.ok) {
      failures.add(read.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'SUMS_MALFORMED', PACK_FILES.sums, read.message);
      return null;
    }
    await checkDetachedSignature(source, read.bytes, PACK_FILES.sumsSig, trusted, failures, { missing: 'SUMS_SIGNATURE_MISSING', invalid: 'SUMS_SIGNATURE_INVALID' });
    const parsed = parseSums(read.bytes);
    if (!parsed.ok) {
      failures.add('SUMS_MALFORMED', PACK_FILES.sums, `${PACK_FILES.sums}: ${parsed.problems.slice(0, 20).join('; ')}${parsed.problems.length > 20 ? `; and ${parsed.problems.length - 20} more` : ''}`);
      return null;
    }
    for (const key of present) {
      if (key === PACK_FILES.sums || key === PACK_FILES.sumsSig || parsed.sums.has(key)) continue;
      failures.add('SUMS_INCOMPLETE', key, `${key}: in the pack, not listed in ${PACK_FILES.sums}; every file of a pack is listed`);
    }
    return new SumsCheck(source, parsed.sums, present, failures);
  }

  /** A file read by another check: its SHA-256, or a failed read (that check reports it). */
  seen(key: string, outcome: { sha256: string } | { failed: true }): void {
    const expected = this.pending.get(key);
    if (expected === undefined) return;
    this.pending.delete(key);
    if ('sha256' in outcome && outcome.sha256 !== expected) this.mismatched.set(key, { expected, actual: outcome.sha256 });
  }

  async finish(): Promise<void> {
    const found = await mapPool([...this.pending], READ_CONCURRENCY, async ([key, expected]) => {
      const own = new Failures();
      await this.checkListed(key, expected, own);
      return { key, list: own.list };
    });
    for (const [key, { expected, actual }] of this.mismatched) found.push({ key, list: [mismatch(key, expected, actual)] });
    found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { list } of found) for (const f of list) this.failures.add(f.code, f.file, f.message);
  }

  private async checkListed(key: string, expected: string, failures: Failures): Promise<void> {
    if (!this.present.has(key)) {
      failures.add('SUMS_INCOMPLETE', key, `${key}: listed in ${PACK_FILES.sums} (SHA-256 ${expected}), not found in the pack`);
      return;
    }
    const { limit, structural } = limitFor(key);
    const h = await this.source.hash(key, limit);
    if (!h.ok) {
      if (h.reason === 'unreadable') failures.add('VAULT_UNREADABLE', key, h.message);
      else if (!structural) failures.add('SUMS_MISMATCH', key, `${key}: ${h.message}; cannot be the file ${PACK_FILES.sums} lists`);
      return;
    }
    if (h.sha256 !== expected) {
      const f = mismatch(key, expected, h.sha256);
      failures.add(f.code, f.file, f.message);
    }
  }
}

function mismatch(key: string, expected: string, actual: string): VerifyFailure {
  return { code: 'SUMS_MISMATCH', file: key, message: `${key}: ${PACK_FILES.sums} lists SHA-256 ${expected}, found ${actual}; the file changed` };
}
