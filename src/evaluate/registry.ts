import type { EvaluableCatalog } from './engine';
import { CLOUDTRAIL_RULES } from './rules/cloudtrail';
import { CLOUDWATCH_RULES } from './rules/cloudwatch';
import { CONFIG_RULES } from './rules/config';
import { EC2_RULES } from './rules/ec2';
import { EVENTBRIDGE_RULES } from './rules/eventbridge';
import { GUARDDUTY_RULES } from './rules/guardduty';
import { IAM_RULES } from './rules/iam';
import { LOGS_RULES } from './rules/logs';
import { PROCESS_RULES } from './rules/process';
import { S3_RULES } from './rules/s3';
import { SNS_RULES } from './rules/sns';
import type { Rule } from './types';

const ALL: ReadonlyArray<Rule<never>> = [
  ...CLOUDTRAIL_RULES, ...S3_RULES, ...LOGS_RULES, ...CONFIG_RULES, ...EC2_RULES, ...CLOUDWATCH_RULES,
  ...SNS_RULES, ...GUARDDUTY_RULES, ...EVENTBRIDGE_RULES, ...IAM_RULES, ...PROCESS_RULES,
] as ReadonlyArray<Rule<never>>;

/** Every rule by id; exactly the ids whose parameters RULE_PARAMS defines (checked by a test). */
export const RULES: ReadonlyMap<string, Rule<never>> = new Map(ALL.map((r) => [r.id, r]));

export function ruleIds(): string[] {
  return [...RULES.keys()].sort();
}

/** The evaluation a daily run needs: a loaded catalog with its hash, and the rules. */
export function evaluationFor(loaded: { catalog: { id: string; version: string; controls: EvaluableCatalog['controls'] }; sha256: string }): { catalog: EvaluableCatalog; rules: ReadonlyMap<string, Rule<never>> } {
  return { catalog: { id: loaded.catalog.id, version: loaded.catalog.version, sha256: loaded.sha256, controls: loaded.catalog.controls }, rules: RULES };
}
