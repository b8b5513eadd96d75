import { Option, type Command } from 'commander';
import type { Io } from './main';
import { readOnlyVault } from './download';
import { openVault } from './open-vault';
import { loadRecords } from '../workflow/load-records';
import type { SealedRecord, WorkflowRecord } from '../workflow/model';
import { sealRecords, type SealedRecords } from '../workflow/seal-records';

/**
 * What the workflow commands (attest, incident, review) share: the vault and signer options, and
 * "check against the sealed records, then seal" with nothing written when the check refuses.
 */
export interface RecordVaultOptions {
  vault: string;
  signingKey?: string;
  kmsKeyId?: string;
  organization?: string;
}

export function withRecordVault(command: Command): Command {
  return command
    .requiredOption('--vault <url>', 'file://DIR or s3://BUCKET/PREFIX')
    .option('--organization <name>', 'organization name, needed only for a vault with no manifest yet')
    .addOption(new Option('--signing-key <pem>', 'local P-256 signing key file (the one that signs the vault)').env('EVIDENCE_SIGNING_KEY'))
    .addOption(new Option('--kms-key-id <id>', 'KMS key that signs the vault').env('EVIDENCE_KMS_KEY_ID'));
}

/** Reads the sealed records, lets `prepare` check and build the new ones (or refuse), then seals them. */
export async function recordWith(o: RecordVaultOptions, now: Date, prepare: (sealed: SealedRecord[]) => WorkflowRecord[]): Promise<SealedRecords> {
  // Checked against the sealed records before the signer is opened: a refusal creates no key file either.
  const records = prepare(await loadRecords(readOnlyVault(o.vault)));
  const { vault, signer } = await openVault({ vault: o.vault, signingKey: o.signingKey, kmsKeyId: o.kmsKeyId });
  return sealRecords(vault, signer, records, { now, organization: o.organization });
}

export function sealedLines(io: Io, what: string, result: SealedRecords, vaultUrl: string): void {
  io.out(`${what}`);
  for (const r of result.records) io.out(`  record       ${r.key} (sha256 ${r.sha256})`);
  io.out(`  sealed in    ${vaultUrl.replace(/\/+$/, '')}/${result.key}, sequence ${result.sequence}`);
}
