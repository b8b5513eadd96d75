import { GIVEN_KEY, type Failures } from './codes';
import { loadPublicKey, type TrustedKey } from './keys';
import { LIMITS, readerFor, type ReadFile, type VaultEntry } from './reader';

/**
 * Which key signatures are checked against (docs/verification.md §Step 2): the key the auditor
 * was given out of band wins; the vault's public-key.pem is then only compared with it. Without
 * a given key the vault's own is used, which proves integrity but not who sealed the vault.
 */
export type Trusted = TrustedKey & { source: 'given' | 'vault' };

const FILE = 'public-key.pem';

export async function resolveTrustedKey(
  root: string | ReadFile,
  entry: VaultEntry | undefined,
  givenPem: string | undefined,
  failures: Failures,
): Promise<Trusted | null> {
  let given: TrustedKey | null = null;
  if (givenPem !== undefined) {
    const parsed = loadPublicKey(givenPem, false);
    if (parsed.ok) given = parsed.value;
    else failures.add('PUBLIC_KEY_INVALID', GIVEN_KEY, `${GIVEN_KEY}: ${parsed.message}`);
  }

  let vault: TrustedKey | null = null;
  if (entry === undefined) {
    failures.add('PUBLIC_KEY_MISSING', FILE, `${FILE}: expected the signer's public key at the vault root, found none`);
  } else if (entry.kind === 'file') {
    const read = await readerFor(root)(FILE, LIMITS.publicKey);
    const parsed = read.ok ? loadPublicKey(read.bytes.toString('utf8'), true) : { ok: false as const, message: read.message };
    if (parsed.ok) vault = parsed.value;
    else failures.add(read.ok || read.reason !== 'unreadable' ? 'PUBLIC_KEY_INVALID' : 'VAULT_UNREADABLE', FILE, `${FILE}: ${parsed.message}`);
  }

  if (given !== null) {
    if (vault !== null && vault.fingerprint !== given.fingerprint) {
      failures.add('PUBLIC_KEY_MISMATCH', FILE, `${FILE}: fingerprint ${vault.fingerprint}, expected the given key ${given.fingerprint}; signatures are checked against the given key`);
    }
    return { ...given, source: 'given' };
  }
  // A given key that is unusable is not replaced by the vault's: the auditor asked for that key.
  if (givenPem !== undefined) return null;
  return vault === null ? null : { ...vault, source: 'vault' };
}
