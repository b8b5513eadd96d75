import {
  GetDetectorCommand,
  GetFindingsCommand,
  GetFindingsStatisticsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  type GetFindingsStatisticsCommandInput,
  type ListFindingsCommandInput,
} from '@aws-sdk/client-guardduty';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/** GetFindings takes at most 50 finding ids per call (GuardDuty API reference, GetFindings). */
export const FINDING_IDS_PER_CALL = 50;

/** Findings still open: GuardDuty's `service.archived` criterion takes the string 'false'. */
const OPEN = { 'service.archived': { Equals: ['false'] } };

/**
 * GuardDuty, per region: threat detection is on (a detector exists and is ENABLED, with S3
 * protection = feature S3_DATA_EVENTS), the open findings by severity, and every open
 * high-severity finding (severity >= 7) in full, so that evaluation can see how long each
 * has been open (CreatedAt/UpdatedAt: "high severity open more than 24 h").
 * A region without GuardDuty answers an empty DetectorIds list: evidence, not a gap.
 */
export const guarddutyCollector: Collector = {
  name: 'guardduty',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(GuardDutyClient, target.region);
    const list = { service: 'guardduty', operation: 'ListDetectors', input: { MaxResults: 50 }, tokenIn: 'NextToken' };
    const pages = await rec.pages(list, (input) => client.send(new ListDetectorsCommand(input)), (p) => p.NextToken);
    const detectorIds = pages.flatMap((p) => p.DetectorIds ?? []);
    for (const detectorId of detectorIds) await collectDetector(client, detectorId, rec);
  },
};

async function collectDetector(client: GuardDutyClient, DetectorId: string, rec: Recorder): Promise<void> {
  const ask = { service: 'guardduty' } as const;
  // Detector status and features (S3_DATA_EVENTS: S3 protection for student-data buckets).
  const byId = { DetectorId };
  await rec.ask({ ...ask, operation: 'GetDetector', input: byId }, () => client.send(new GetDetectorCommand(byId)));
  // Open findings counted by severity: the monitoring summary for the period.
  const stats: GetFindingsStatisticsCommandInput = { DetectorId, FindingStatisticTypes: ['COUNT_BY_SEVERITY'], FindingCriteria: { Criterion: OPEN } };
  await rec.ask({ ...ask, operation: 'GetFindingsStatistics', input: stats }, () => client.send(new GetFindingsStatisticsCommand(stats)));
  // Open high-severity findings, most recently updated first, followed to the last page.
  const input: ListFindingsCommandInput = {
    DetectorId,
    FindingCriteria: { Criterion: { ...OPEN, severity: { GreaterThanOrEqual: 7 } } },
    SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' },
    MaxResults: 50,
  };
  const pages = await rec.pages({ ...ask, operation: 'ListFindings', input, tokenIn: 'NextToken' }, (i) => client.send(new ListFindingsCommand(i)), (p) => p.NextToken);
  const highIds = pages.flatMap((p) => p.FindingIds ?? []);
  // The findings themselves (CreatedAt/UpdatedAt, resource, type), in list order.
  for (let i = 0; i < highIds.length; i += FINDING_IDS_PER_CALL) {
    const input = { DetectorId, FindingIds: highIds.slice(i, i + FINDING_IDS_PER_CALL) };
    await rec.ask({ ...ask, operation: 'GetFindings', input }, () => client.send(new GetFindingsCommand(input)));
  }
}
