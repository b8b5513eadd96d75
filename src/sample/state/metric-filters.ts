import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';
import { ORG_TRAIL_LOG_GROUP, PROD_APP_AUDIT_LOG_GROUP } from './log-groups';

/**
 * Metric filters and the alarm on each: the CIS AWS Foundations Benchmark monitoring
 * patterns (Security Hub controls CloudWatch.1–14) on the organization trail's log group, and
 * one application alarm in production (bulk student-record exports). Patterns are those the
 * CIS benchmark and the Security Hub remediation pages give.
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const prod = SAMPLE_ACCOUNTS.production.id;

export interface SampleMetricFilter {
  readonly account: string;
  readonly region: SampleRegion;
  readonly logGroupName: string;
  readonly filterName: string;
  readonly filterPattern: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly creationTime: number;
  /** The alarm on the metric, named as the team names them. */
  readonly alarmName: string;
  readonly alarmDescription: string;
}

const cis = (filterName: string, metricName: string, filterPattern: string, alarmDescription: string, created: string): SampleMetricFilter => ({
  account: mgmt, region: 'us-east-1', logGroupName: ORG_TRAIL_LOG_GROUP, filterName, filterPattern, metricName, namespace: 'LogMetrics',
  creationTime: Date.parse(created), alarmName: `brightpath-${filterName}`, alarmDescription,
});

const IAM_POLICY_EVENTS = ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy',
  'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy',
  'AttachGroupPolicy', 'DetachGroupPolicy'];
const S3_POLICY_EVENTS = ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy',
  'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'];
const TRAIL_EVENTS = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];
const anyOf = (names: readonly string[]) => names.map((n) => `($.eventName=${n})`).join('||');

export const UNAUTHORIZED_API_CALLS_ALARM = 'brightpath-unauthorized-api-calls';
export const TRAIL_CHANGES_ALARM = 'brightpath-cloudtrail-config-changes';

export const SAMPLE_METRIC_FILTERS: readonly SampleMetricFilter[] = [
  cis('cloudtrail-config-changes', 'CloudTrailConfigChanges', `{${anyOf(TRAIL_EVENTS)}}`, 'CIS 4.5: CloudTrail configuration changed', '2021-02-17T15:40:12.118Z'),
  cis('console-signin-failures', 'ConsoleSigninFailures', '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}', 'CIS 4.6: console sign-in failures', '2021-02-17T15:40:13.502Z'),
  cis('iam-policy-changes', 'IAMPolicyChanges', `{${anyOf(IAM_POLICY_EVENTS)}}`, 'CIS 4.4: IAM policy changed', '2021-02-17T15:40:14.977Z'),
  cis('root-account-usage', 'RootAccountUsage', '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}', 'CIS 4.3: root user activity', '2021-02-17T15:40:16.340Z'),
  cis('s3-bucket-policy-changes', 'S3BucketPolicyChanges', `{($.eventSource=s3.amazonaws.com) && (${anyOf(S3_POLICY_EVENTS)})}`, 'CIS 4.8: S3 bucket policy changed', '2021-02-17T15:40:17.803Z'),
  cis('unauthorized-api-calls', 'UnauthorizedAPICalls', '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}', 'CIS 4.1: unauthorized API calls', '2021-02-17T15:40:19.266Z'),
  {
    account: prod, region: 'us-east-1', logGroupName: PROD_APP_AUDIT_LOG_GROUP, filterName: 'student-records-bulk-export',
    filterPattern: '{($.event="student_records.export") && ($.record_count > 500)}', metricName: 'StudentRecordsBulkExport', namespace: 'Brightpath/AppAudit',
    creationTime: Date.parse('2021-04-12T18:20:45.091Z'), alarmName: 'brightpath-prod-student-records-bulk-export',
    alarmDescription: 'More than 500 student records exported in one request (FERPA data-leak signal)',
  },
];

export function metricFiltersIn(account: string, region: string): SampleMetricFilter[] {
  return SAMPLE_METRIC_FILTERS.filter((f) => f.account === account && f.region === region)
    .sort((a, b) => (a.logGroupName + a.filterName < b.logGroupName + b.filterName ? -1 : 1));
}
