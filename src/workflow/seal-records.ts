import { storeAll } from '../collectors/sink';
import { EvidenceError } from '../core/errors';
import type { ManifestArtifactEntry, ManifestScope, ManifestV1 } from '../core/manifest';
import { findHead, sealDay, type SealResult } from '../core/seal';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import type { SealedRecord, WorkflowRecord } from './model';
import { WORKFLOW_COLLECTOR, WORKFLOW_SCOPE, encodeRecord } from './records';

/**
 * Seals workflow records (docs/formats/workflow-records-v1.md §Sealing): each record becomes an
 * artifact, and the batch is sealed as a new manifest of the chain dated the day of sealing
 * (manifest-v1.md: several manifests may share a date; the global sequence orders them). The
 * manifest's scope is the chain head's organization, accounts and regions, with collector
 * `workflow`. Everything that can refuse is checked before the first byte is written, so a
 * refusal leaves the vault as it was.
 */
export interface SealRecordsOptions {
  /** When the records are sealed: the manifest's date and sealedAt. */
  now: Date;
  /** Needed only for a vault with no manifest yet (otherwise the head's organization is used). */
  organization?: string;
}

export interface SealedRecords extends SealResult {
  date: string;
  records: SealedRecord[];
}

export async function sealRecords(vault: Vault, signer: Signer, records: readonly WorkflowRecord[], options: SealRecordsOptions): Promise<SealedRecords> {
  if (records.length === 0) throw new EvidenceError('USAGE', 'no workflow record to seal');
  const encoded = records.map((r) => ({ record: r, sealed: encodeRecord(r) }));
  const date = options.now.toISOString().slice(0, 10);
  const head = await findHead(vault);
  if (head && head.date > date) {
    throw new EvidenceError('CHAIN_CONFLICT', `${vault.url}: cannot seal records on ${date}: the chain already reaches ${head.date} (${head.key}); records are sealed on the day they are made`);
  }
  const scope = await recordScope(vault, head?.key ?? null, head?.sha256 ?? null, options.organization);
  const observedAt = options.now.toISOString();
  const artifacts: ManifestArtifactEntry[] = encoded.map(({ sealed }) => ({
    key: sealed.key,
    sha256: sealed.sha256,
    bytes: sealed.bytes.length,
    collector: WORKFLOW_COLLECTOR,
    account: WORKFLOW_SCOPE,
    region: WORKFLOW_SCOPE,
    observedAt,
  }));
  await storeAll(vault, encoded.map((e) => e.sealed));
  const result = await sealDay(vault, signer, { date, scope, artifacts, gaps: [] }, options.now);
  return { ...result, date, records: encoded.map(({ record, sealed }) => ({ key: sealed.key, sha256: sealed.sha256, record })) };
}

async function recordScope(vault: Vault, headKey: string | null, headSha256: string | null, organization: string | undefined): Promise<ManifestScope> {
  if (headKey === null || headSha256 === null) {
    if (organization === undefined || organization.trim() === '') {
      throw new EvidenceError('USAGE', `${vault.url}: the vault holds no manifest yet; name the organization the records belong to`);
    }
    return { organization, mode: 'single-account', accounts: [], regions: [], collectors: [WORKFLOW_COLLECTOR] };
  }
  const head = JSON.parse((await vault.readVerified(headKey, headSha256)).toString('utf8')) as ManifestV1;
  if (organization !== undefined && organization !== head.scope.organization) {
    throw new EvidenceError('USAGE', `${vault.url}: the vault's evidence is for ${head.scope.organization}, not ${organization}`);
  }
  return { organization: head.scope.organization, mode: head.scope.mode, accounts: [...head.scope.accounts], regions: [...head.scope.regions], collectors: [WORKFLOW_COLLECTOR] };
}
