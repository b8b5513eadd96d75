import { epochSeconds, isoSeconds, simulatedTime } from '../clock';
import { ORG_TRAIL_ARN, ORG_TRAIL_NAME, SAMPLE_DRIFT, STUDENT_RECORDS_BUCKET, driftOfKind, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, type SampleRegion } from '../organization';
import { CLOUDTRAIL_ARCHIVE_BUCKET } from './buckets';

/**
 * CloudTrail state of the sample organization: one trail, the organization trail (management
 * account, home region us-east-1, all regions, log file validation, KMS, CloudWatch Logs, S3
 * data events on the student-records bucket only), which every account sees. Field names
 * follow the CloudTrail API's Trail and EventSelector shapes so the recordings can emit them
 * as they are.
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;

export interface SampleEventSelector {
  readonly ReadWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
  readonly IncludeManagementEvents: boolean;
  readonly DataResources: readonly { readonly Type: string; readonly Values: readonly string[] }[];
  readonly ExcludeManagementEventSources: readonly string[];
}

export interface SampleTrail {
  readonly owner: string;
  /** Regions whose DescribeTrails shows the trail (home region first). */
  readonly visibleIn: readonly SampleRegion[];
  /** Accounts whose DescribeTrails shows the trail (organization trails reach every member). */
  readonly visibleTo: readonly string[];
  readonly trail: {
    readonly Name: string;
    readonly S3BucketName: string;
    readonly S3KeyPrefix?: string;
    readonly IncludeGlobalServiceEvents: boolean;
    readonly IsMultiRegionTrail: boolean;
    readonly HomeRegion: SampleRegion;
    readonly TrailARN: string;
    readonly LogFileValidationEnabled: boolean;
    readonly CloudWatchLogsLogGroupArn?: string;
    readonly CloudWatchLogsRoleArn?: string;
    readonly KmsKeyId?: string;
    readonly HasCustomEventSelectors: boolean;
    readonly HasInsightSelectors: boolean;
    readonly IsOrganizationTrail: boolean;
  };
  readonly eventSelectors: readonly SampleEventSelector[];
  /** When logging first started (epoch ms), before the demo period. */
  readonly startedAt: number;
}

const ALL_ACCOUNTS = [mgmt, SAMPLE_ACCOUNTS.logArchive.id, SAMPLE_ACCOUNTS.production.id];

export const SAMPLE_TRAILS: readonly SampleTrail[] = [
  {
    owner: mgmt,
    visibleIn: ['us-east-1', 'us-west-2'],
    visibleTo: ALL_ACCOUNTS,
    trail: {
      Name: ORG_TRAIL_NAME,
      S3BucketName: CLOUDTRAIL_ARCHIVE_BUCKET,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true,
      HomeRegion: 'us-east-1',
      TrailARN: ORG_TRAIL_ARN,
      LogFileValidationEnabled: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${mgmt}:log-group:aws-cloudtrail-logs-brightpath-org:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${mgmt}:role/brightpath-cloudtrail-cloudwatch-logs`,
      KmsKeyId: `arn:aws:kms:us-east-1:${mgmt}:key/2c7a9e41-6d0b-4f83-b5e2-9a1c3d7f8e60`,
      HasCustomEventSelectors: true,
      HasInsightSelectors: false,
      IsOrganizationTrail: true,
    },
    eventSelectors: [{
      ReadWriteType: 'All',
      IncludeManagementEvents: true,
      DataResources: [{ Type: 'AWS::S3::Object', Values: [`arn:aws:s3:::${STUDENT_RECORDS_BUCKET}/`] }],
      ExcludeManagementEventSources: [],
    }],
    startedAt: Date.parse('2021-02-17T15:20:03.512Z'),
  },
];

/** GetTrailStatus fields in the order CloudTrail returns them; times move with the simulated day. */
export type TrailStatus = Record<string, boolean | number | string>;

export function trailStatusOnDay(t: SampleTrail, day: number, startMs: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): TrailStatus {
  // Deliveries every few minutes; the daily collection runs at 06:00 UTC, so the newest
  // delivery it sees is a little before that. Seconds vary by day so answers look lived-in.
  let lastDelivery = simulatedTime(startMs, day, 5, 57, (day * 37) % 60, (day * 211) % 1000);
  let startedAt = t.startedAt;
  let stoppedAt: number | undefined;
  let isLogging = true;
  const stops = driftOfKind('trail-stopped', drift).filter((d) => d.effect.trailArn === t.trail.TrailARN && d.firstDay <= day);
  const last = stops.at(-1);
  if (last) {
    // StopLogging the evening before the first drift day; StartLogging early on the day after the last.
    stoppedAt = simulatedTime(startMs, last.firstDay - 1, 22, 31, 8, 604);
    if (day <= last.lastDay) {
      isLogging = false;
      lastDelivery = simulatedTime(startMs, last.firstDay - 1, 22, 28, 14, 377);
    } else {
      startedAt = simulatedTime(startMs, last.lastDay + 1, 3, 12, 55, 208);
    }
  }
  const status: TrailStatus = { IsLogging: isLogging, LatestDeliveryTime: epochSeconds(lastDelivery) };
  if (t.trail.LogFileValidationEnabled) status.LatestDigestDeliveryTime = epochSeconds(lastDelivery - 43 * 60_000 - 9_000);
  if (t.trail.CloudWatchLogsLogGroupArn) status.LatestCloudWatchLogsDeliveryTime = epochSeconds(lastDelivery + 2_117);
  status.StartLoggingTime = epochSeconds(startedAt);
  if (stoppedAt !== undefined) status.StopLoggingTime = epochSeconds(stoppedAt);
  status.LatestDeliveryAttemptTime = isoSeconds(lastDelivery);
  status.LatestNotificationAttemptTime = '';
  status.LatestNotificationAttemptSucceeded = '';
  status.LatestDeliveryAttemptSucceeded = isoSeconds(lastDelivery);
  status.TimeLoggingStarted = isoSeconds(startedAt);
  status.TimeLoggingStopped = stoppedAt === undefined ? '' : isoSeconds(stoppedAt);
  return status;
}
