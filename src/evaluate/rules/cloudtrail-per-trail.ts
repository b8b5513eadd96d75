import type { RuleParams } from '../rule-params';
import type { EvalContext, ResourceResult, Rule } from '../types';
import { shown, str } from './answer-fields';
import { DESCRIBE_TRAILS, GET_TRAIL_STATUS, allTrails, missingTrailLists, trailNotEvidenced, trailStatus, type Trail } from './cloudtrail-trails';
import { checkResult, evidence, responseOf } from './util';

/**
 * Per-trail settings, each trail judged once in its home account and region (resource = its
 * ARN). An account × region whose DescribeTrails is missing may hide a trail: not evidenced.
 */
function perTrail(ctx: EvalContext, judge: (t: Trail) => ResourceResult): ResourceResult[] {
  return [...allTrails(ctx).map(judge), ...missingTrailLists(ctx)];
}

function result(t: Trail, verdict: 'pass' | 'fail', reason: string, ...more: Parameters<typeof evidence>): ResourceResult {
  return { resource: t.arn, account: t.account, region: t.homeRegion, verdict, reason, evidence: evidence(t.seenIn, ...more) };
}

/** Digest files let an auditor prove log files were not altered or deleted after delivery (A.8.15). */
export const logFileValidation: Rule<RuleParams<'cloudtrail.log-file-validation'>> = {
  id: 'cloudtrail.log-file-validation',
  reads: [DESCRIBE_TRAILS],
  evaluate(ctx) {
    return checkResult(this.id, perTrail(ctx, (t) => t.fields.LogFileValidationEnabled === true
      ? result(t, 'pass', 'LogFileValidationEnabled is true')
      : result(t, 'fail', `LogFileValidationEnabled is ${shown(t.fields.LogFileValidationEnabled)}`)));
  },
};

/** Log files encrypted with a KMS key (SSE-KMS), so reading them needs kms:Decrypt as well as s3:GetObject. */
export const kmsEncryption: Rule<RuleParams<'cloudtrail.kms-encryption'>> = {
  id: 'cloudtrail.kms-encryption',
  reads: [DESCRIBE_TRAILS],
  evaluate(ctx) {
    return checkResult(this.id, perTrail(ctx, (t) => {
      const key = str(t.fields, 'KmsKeyId');
      return key ? result(t, 'pass', `KmsKeyId is ${key}`) : result(t, 'fail', 'KmsKeyId is absent (log files are encrypted with SSE-S3 only)');
    }));
  },
};

const HOUR_MS = 3_600_000;

/**
 * Events reach CloudWatch Logs, where metric filters and alarms watch them: a log group is set,
 * the trail is logging, the last delivery is no older than maxDeliveryAgeHours at the time the
 * status was observed, and LatestCloudWatchLogsDeliveryError is empty.
 */
export const cloudwatchDelivery: Rule<RuleParams<'cloudtrail.cloudwatch-delivery'>> = {
  id: 'cloudtrail.cloudwatch-delivery',
  reads: [DESCRIBE_TRAILS, GET_TRAIL_STATUS],
  evaluate(ctx, params) {
    return checkResult(this.id, perTrail(ctx, (t): ResourceResult => {
      const group = str(t.fields, 'CloudWatchLogsLogGroupArn');
      if (!group) return result(t, 'fail', 'CloudWatchLogsLogGroupArn is absent (events are not sent to CloudWatch Logs)');
      const status = trailStatus(ctx, t);
      if (!status) return trailNotEvidenced(ctx, t, GET_TRAIL_STATUS);
      const s = responseOf(status);
      const fail = (why: string): ResourceResult => result(t, 'fail', why, status);
      if (s?.IsLogging !== true) return fail(`IsLogging is ${shown(s?.IsLogging)}: nothing is delivered to ${group}`);
      const error = str(s, 'LatestCloudWatchLogsDeliveryError');
      if (error) return fail(`LatestCloudWatchLogsDeliveryError is ${error}`);
      const latest = str(s, 'LatestCloudWatchLogsDeliveryTime');
      const at = latest === undefined ? NaN : Date.parse(latest);
      if (Number.isNaN(at)) return fail(`LatestCloudWatchLogsDeliveryTime is ${latest ?? 'absent'}: no delivery to ${group} is recorded`);
      const ageHours = (Date.parse(status.observedAt) - at) / HOUR_MS;
      if (ageHours > params.maxDeliveryAgeHours) {
        return fail(`LatestCloudWatchLogsDeliveryTime is ${latest}, ${ageHours.toFixed(1)} h before the status was observed (limit ${params.maxDeliveryAgeHours} h)`);
      }
      return result(t, 'pass', `LatestCloudWatchLogsDeliveryTime is ${latest} (within ${params.maxDeliveryAgeHours} h) and LatestCloudWatchLogsDeliveryError is empty; log group ${group}`, status);
    }));
  },
};

export const CLOUDTRAIL_TRAIL_RULES = [logFileValidation, kmsEncryption, cloudwatchDelivery] as const;
