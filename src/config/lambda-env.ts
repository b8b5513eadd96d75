import { EvidenceError } from '../core/errors';

/**
 * The functions' configuration (serverless.yml provider.environment), read once at cold start;
 * a missing or mistyped value fails there, naming the variable, before any AWS call.
 */
export interface FunctionConfig {
  /** s3://BUCKET[/PREFIX] of the vault */
  vaultUrl: string;
  /** The staging bucket of the daily fan-out. */
  stagingBucket: string;
  /** The KMS signing key (ARN, id or alias). */
  kmsKeyId: string;
  /** Regions collected in every account; the first is the home region. */
  regions: string[];
  retentionDays: number;
  /** The read-only role assumed in every member account. */
  memberRole: string;
  /** The sts:ExternalId the member roles require (templates/member-account-read-role.yaml), if any. */
  memberExternalId?: string;
  /** The organization's name in the manifests; default the management account id. */
  organization?: string;
}

const MAX_RETENTION_DAYS = 2557;

/*
 * The variables every function that writes to the vault reads, each checked the same way
 * wherever it is read; a problem is added to `problems` (all are reported together).
 */

export function vaultUrlOf(env: NodeJS.ProcessEnv, problems: string[]): string {
  const vaultUrl = env.EVIDENCE_VAULT_URL ?? '';
  if (!vaultUrl.startsWith('s3://')) problems.push(`EVIDENCE_VAULT_URL must be s3://BUCKET/PREFIX, found '${vaultUrl}'`);
  return vaultUrl;
}

export function kmsKeyIdOf(env: NodeJS.ProcessEnv, problems: string[]): string {
  const kmsKeyId = env.EVIDENCE_KMS_KEY_ID ?? '';
  if (!kmsKeyId) problems.push('EVIDENCE_KMS_KEY_ID is not set');
  return kmsKeyId;
}

export function retentionDaysOf(env: NodeJS.ProcessEnv, problems: string[]): number {
  const retention = env.EVIDENCE_RETENTION_DAYS ?? '400';
  if (!/^\d+$/.test(retention) || Number(retention) < 1 || Number(retention) > MAX_RETENTION_DAYS) {
    problems.push(`EVIDENCE_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, found '${retention}'`);
  }
  return Number(retention);
}

export function organizationOf(env: NodeJS.ProcessEnv): string | undefined {
  return env.EVIDENCE_ORGANIZATION || undefined;
}

export function readFunctionConfig(env: NodeJS.ProcessEnv): FunctionConfig {
  const problems: string[] = [];
  const vaultUrl = vaultUrlOf(env, problems);
  const stagingBucket = env.EVIDENCE_STAGING_BUCKET ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(stagingBucket)) problems.push(`EVIDENCE_STAGING_BUCKET must be a bucket name, found '${stagingBucket}'`);
  const kmsKeyId = kmsKeyIdOf(env, problems);
  const regions = (env.EVIDENCE_REGIONS ?? env.AWS_REGION ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (regions.length === 0) problems.push('EVIDENCE_REGIONS (or AWS_REGION) names no region');
  for (const r of regions) if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r)) problems.push(`EVIDENCE_REGIONS: '${r}' is not a region name`);
  const retentionDays = retentionDaysOf(env, problems);
  const memberRole = env.EVIDENCE_MEMBER_ROLE ?? 'EvidenceVaultReadOnly';
  if (!/^[\w+=,.@-]{1,64}$/.test(memberRole)) problems.push(`EVIDENCE_MEMBER_ROLE must be an IAM role name, found '${memberRole}'`);
  if (problems.length > 0) throw new EvidenceError('CONFIG_INVALID', `function configuration: ${problems.join('; ')}`);
  return { vaultUrl, stagingBucket, kmsKeyId, regions, retentionDays, memberRole, memberExternalId: env.EVIDENCE_MEMBER_EXTERNAL_ID || undefined, organization: organizationOf(env) };
}
