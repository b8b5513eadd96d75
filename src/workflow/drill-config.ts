import { EvidenceError } from '../core/errors';
import { kmsKeyIdOf, organizationOf, retentionDaysOf, vaultUrlOf } from '../config/lambda-env';

/**
 * The drill function's configuration (docs/drills.md §The drill function), read once at cold
 * start so a typo fails there. Alarms opt in with the tag DRILL_TAG_KEY = `true`; the IAM policy
 * can then allow cloudwatch:SetAlarmState only on alarms carrying that tag.
 */
export interface DrillFunctionConfig {
  vaultUrl: string;
  kmsKeyId: string;
  retentionDays: number;
  organization?: string;
  tagKey: string;
  timeoutMs: number;
  resetToOk: boolean;
}

export const DEFAULT_DRILL_TAG = 'evidence-vault:drill';

export function readDrillConfig(env: NodeJS.ProcessEnv): DrillFunctionConfig {
  const problems: string[] = [];
  const vaultUrl = vaultUrlOf(env, problems);
  const kmsKeyId = kmsKeyIdOf(env, problems);
  const retentionDays = retentionDaysOf(env, problems);
  const tagKey = env.EVIDENCE_DRILL_TAG ?? DEFAULT_DRILL_TAG;
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(tagKey) || tagKey.startsWith('aws:')) problems.push(`EVIDENCE_DRILL_TAG must be a tag key (1-128 characters, not aws:), found '${tagKey}'`);
  const timeout = env.EVIDENCE_DRILL_TIMEOUT_SECONDS ?? '300';
  // The function runs at most 15 minutes; the drills run side by side, then the records are sealed.
  if (!/^\d+$/.test(timeout) || Number(timeout) < 10 || Number(timeout) > 780) problems.push(`EVIDENCE_DRILL_TIMEOUT_SECONDS must be a whole number from 10 to 780, found '${timeout}'`);
  const reset = env.EVIDENCE_DRILL_RESET_TO_OK ?? 'true';
  if (reset !== 'true' && reset !== 'false') problems.push(`EVIDENCE_DRILL_RESET_TO_OK must be true or false, found '${reset}'`);
  if (problems.length > 0) throw new EvidenceError('CONFIG_INVALID', `drill function configuration: ${problems.join('; ')}`);
  return { vaultUrl, kmsKeyId, retentionDays, organization: organizationOf(env), tagKey, timeoutMs: Number(timeout) * 1000, resetToOk: reset === 'true' };
}
