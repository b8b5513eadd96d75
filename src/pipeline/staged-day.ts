import { EvidenceError } from '../core/errors';
import { MANIFEST_KEY_PATTERN, signatureKey } from '../core/manifest';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';

/** One unit of the organization's daily fan-out: one account in one region. */
export interface CollectItem {
  account: string;
  region: string;
  /** The run's first region: account-wide services are asked there only. */
  homeRegion: string;
  /** The account the collection runs from (no role to assume there). */
  managementAccount: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real calendar day, or a CONFIG_INVALID naming where it came from. */
export function checkDate(value: unknown, where: string): string {
  if (typeof value !== 'string' || !DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new EvidenceError('USAGE', `${where}: expected a day YYYY-MM-DD, found ${JSON.stringify(value)}`);
  }
  return value;
}

/** The manifest already sealed for `date`, if any (the newest when there are several). */
export async function sealedManifestOf(vault: Vault, date: string): Promise<string | undefined> {
  const keys = (await vault.list(`manifests/${date}/`)).filter((k) => MANIFEST_KEY_PATTERN.test(k));
  return keys.at(-1);
}

/**
 * A seal that stopped between its manifest and its signature left a manifest without `.sig`;
 * the signature is over the manifest's stored bytes, so signing them again completes it.
 */
export async function completeSignature(vault: Vault, signer: Signer, manifestKey: string): Promise<boolean> {
  const sigKey = signatureKey(manifestKey);
  if (await vault.exists(sigKey)) return false;
  await vault.putNew(sigKey, await signer.sign(await vault.read(manifestKey)));
  return true;
}
