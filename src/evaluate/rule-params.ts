import { z } from 'zod';

/**
 * Parameters of every rule, checked when the catalog (and a user's override file) loads, so a
 * typo fails at load naming the file, the control and the field. Strict objects: unknown
 * parameters are refused.
 */
const bucketSelector = {
  /** Buckets whose tag `tagKey` has one of `tagValues` (student data, course and assessment content). */
  tagKey: z.string().min(1),
  tagValues: z.array(z.string().min(1)).min(1),
};

export const RULE_PARAMS = {
  'cloudtrail.multi-region-logging': z.strictObject({}),
  'cloudtrail.organization-trail': z.strictObject({}),
  'cloudtrail.management-events': z.strictObject({}),
  'cloudtrail.log-file-validation': z.strictObject({}),
  'cloudtrail.kms-encryption': z.strictObject({}),
  'cloudtrail.cloudwatch-delivery': z.strictObject({ maxDeliveryAgeHours: z.number().int().positive() }),
  'cloudtrail.s3-data-events': z.strictObject(bucketSelector),
  'cloudtrail.archive-immutability': z.strictObject({}),
  'cloudtrail.archive-retention': z.strictObject({ minRetentionDays: z.number().int().positive() }),
  'logs.retention': z.strictObject({ minRetentionDays: z.number().int().positive() }),
  's3.versioning': z.strictObject(bucketSelector),
  's3.object-lock': z.strictObject(bucketSelector),
  's3.access-logging': z.strictObject(bucketSelector),
  's3.default-encryption': z.strictObject({ ...bucketSelector, requireKms: z.boolean() }),
  's3.public-access-block': z.strictObject(bucketSelector),
  's3.tls-only': z.strictObject(bucketSelector),
  'ec2.vpc-flow-logs': z.strictObject({ trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']) }),
  'cloudwatch.alarm-for-pattern': z.strictObject({
    /** Short id of the suspicious-access pattern, e.g. `unauthorized-api-calls`. */
    pattern: z.string().min(1),
    /** The metric filter's pattern must contain every one of these strings. */
    filterPatternContains: z.array(z.string().min(1)).min(1),
  }),
  'cloudwatch.alarm-actions': z.strictObject({}),
  'sns.escalation-chain': z.strictObject({}),
  'guardduty.enabled': z.strictObject({}),
  'guardduty.s3-protection': z.strictObject({}),
  'guardduty.high-findings-triaged': z.strictObject({ minSeverity: z.number().min(0).max(10), maxOpenHours: z.number().positive() }),
  'eventbridge.findings-routing': z.strictObject({ sources: z.array(z.string().min(1)).min(1) }),
  'iam.root-mfa': z.strictObject({}),
  'iam.root-no-access-keys': z.strictObject({}),
  'iam.console-mfa': z.strictObject({}),
  'iam.access-key-age': z.strictObject({ maxAgeDays: z.number().int().positive() }),
  'iam.admin-privileges': z.strictObject({ allowedAdminRoles: z.array(z.string().min(1)) }),
  'config.recorder': z.strictObject({}),
  /** Process controls: evidenced by attested documents, drills, incidents and reviews (later work). */
  'process.attestation': z.strictObject({ kind: z.enum(['notification-procedure', 'workflow-drill', 'incident-timeliness', 'quarterly-review']) }),
} as const;

export type RuleId = keyof typeof RULE_PARAMS;
export type RuleParams<R extends RuleId> = z.infer<(typeof RULE_PARAMS)[R]>;

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULE_PARAMS, id);
}
