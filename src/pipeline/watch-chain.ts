import { createPublicKey, verify } from 'node:crypto';
import { PUBLIC_KEY_KEY } from '../core/seal';
import { sha256Hex } from '../core/hash';
import { MANIFEST_KEY_PATTERN, signatureKey } from '../core/manifest';
import { describeError } from '../core/errors';
import { publicKeyFingerprint } from '../signing/public-key';
import type { Vault } from '../vault/vault';

export interface WatchOptions {
  vault: Vault;
  /** The trusted key (KMS GetPublicKey), never the vault's own copy. */
  publicKeyPem: string;
  now: Date;
  /** How many of the newest manifests to check (signature and link each). */
  depth?: number;
}

export interface WatchResult {
  verified: boolean;
  problems: string[];
  head?: { key: string; date: string };
  checked: number;
  /** Whole days between the newest sealed day and yesterday (0 when yesterday is sealed). */
  daysBehind: number;
}

/**
 * The daily watch (docs/deploy.md §Alarms): the tail of the chain verifies — each of the newest
 * manifests is signed by the trusted key and links to the one before it, the vault's
 * public-key.pem is that key, and yesterday (UTC) is sealed. Any problem raises the chain alarm;
 * the full check of every day is `evidence verify` on the vault.
 */
export async function watchChain(options: WatchOptions): Promise<WatchResult> {
  const { vault } = options;
  const problems: string[] = [];
  const trusted = createPublicKey(options.publicKeyPem);
  const fingerprint = publicKeyFingerprint(trusted);
  try {
    const stored = publicKeyFingerprint((await vault.read(PUBLIC_KEY_KEY)).toString('utf8'));
    if (stored !== fingerprint) problems.push(`${PUBLIC_KEY_KEY} is key ${stored}, not the signing key ${fingerprint}`);
  } catch (e) {
    problems.push(`${PUBLIC_KEY_KEY}: ${describeError(e)}`);
  }
  const keys = (await vault.list('manifests/')).filter((k) => MANIFEST_KEY_PATTERN.test(k));
  const tail = keys.slice(-Math.max(2, options.depth ?? 3));
  let previous: { key: string; sha256: string } | undefined;
  for (const key of tail) {
    try {
      const bytes = await vault.read(key);
      const manifest = JSON.parse(bytes.toString('utf8')) as { previous?: { key?: string; sha256?: string } | null; signature?: { publicKeySha256?: string } };
      const signature = await vault.read(signatureKey(key)).catch(() => undefined);
      if (signature === undefined) problems.push(`${key}: no signature ${signatureKey(key)}`);
      else if (!verify('sha256', bytes, { key: trusted, dsaEncoding: 'der' }, signature)) problems.push(`${key}: the signature does not verify with the signing key ${fingerprint}`);
      if (manifest.signature?.publicKeySha256 !== fingerprint) problems.push(`${key}: names key ${manifest.signature?.publicKeySha256 ?? '?'}, not ${fingerprint}`);
      if (previous && (manifest.previous?.key !== previous.key || manifest.previous.sha256 !== previous.sha256)) {
        problems.push(`${key}: links to ${manifest.previous?.key ?? 'nothing'}, not to the manifest before it ${previous.key} (sha256 ${previous.sha256})`);
      }
      previous = { key, sha256: sha256Hex(bytes) };
    } catch (e) {
      problems.push(`${key}: ${describeError(e)}`);
      previous = undefined;
    }
  }
  const headKey = keys.at(-1);
  const headDate = headKey ? (MANIFEST_KEY_PATTERN.exec(headKey) as RegExpExecArray)[1]! : undefined;
  const yesterday = new Date(Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate() - 1));
  const daysBehind = headDate ? Math.max(0, Math.round((yesterday.getTime() - Date.parse(`${headDate}T00:00:00Z`)) / 86_400_000)) : Number.POSITIVE_INFINITY;
  if (!headKey) problems.push('the vault holds no manifest yet');
  else if (daysBehind > 0) problems.push(`the newest sealed day is ${headDate}; ${daysBehind} day(s) up to yesterday ${yesterday.toISOString().slice(0, 10)} are missing`);
  return { verified: problems.length === 0, problems, head: headKey && headDate ? { key: headKey, date: headDate } : undefined, checked: tail.length, daysBehind: Number.isFinite(daysBehind) ? daysBehind : -1 };
}
