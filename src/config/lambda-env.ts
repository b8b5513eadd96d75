import { EvidenceError } from '../core/errors';

/** The collect function's configuration, read once at cold start; a typo fails there. */
export interface CollectFunctionConfig {
  vaultUrl: string;
  kmsKeyId: string;
  regions: string[];
  retentionDays: number;
  organization?: string;
}

export function readCollectConfig(env: NodeJS.ProcessEnv): CollectFunctionConfig {
  const problems: string[] = [];
  const vaultUrl = env.EVIDENCE_VAULT_URL ?? '';
  if (!vaultUrl.startsWith('s3://')) problems.push(`EVIDENCE_VAULT_URL must be s3://BUCKET/PREFIX, found '${vaultUrl}'`);
  const kmsKeyId = env.EVIDENCE_KMS_KEY_ID ?? '';
  if (!kmsKeyId) problems.push('EVIDENCE_KMS_KEY_ID is not set');
  const regions = (env.EVIDENCE_REGIONS ?? env.AWS_REGION ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (regions.length === 0) problems.push('EVIDENCE_REGIONS (or AWS_REGION) names no region');
  const retention = env.EVIDENCE_RETENTION_DAYS ?? '400';
  if (!/^\d+$/.test(retention) || Number(retention) < 1) problems.push(`EVIDENCE_RETENTION_DAYS must be a positive whole number, found '${retention}'`);
  if (problems.length > 0) throw new EvidenceError('CONFIG_INVALID', `collect function configuration: ${problems.join('; ')}`);
  return { vaultUrl, kmsKeyId, regions, retentionDays: Number(retention), organization: env.EVIDENCE_ORGANIZATION || undefined };
}
