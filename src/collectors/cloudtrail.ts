import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/**
 * CloudTrail: the trails visible in the region (organization and multi-region trails show
 * up in every region), and for each trail homed here its status (IsLogging, delivery and
 * digest errors) and event selectors (S3 data events on student-data buckets).
 */
export const cloudtrailCollector: Collector = {
  name: 'cloudtrail',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(CloudTrailClient, target.region);
    const ask = { service: 'cloudtrail' } as const;
    const input = { includeShadowTrails: true };
    const trails = await rec.ask({ ...ask, operation: 'DescribeTrails', input }, () => client.send(new DescribeTrailsCommand(input)));
    for (const trail of trails?.trailList ?? []) {
      if (!trail.TrailARN || trail.HomeRegion !== target.region) continue;
      const byArn = { Name: trail.TrailARN };
      await rec.ask({ ...ask, operation: 'GetTrailStatus', input: byArn }, () => client.send(new GetTrailStatusCommand(byArn)));
      const selectors = { TrailName: trail.TrailARN };
      await rec.ask({ ...ask, operation: 'GetEventSelectors', input: selectors }, () => client.send(new GetEventSelectorsCommand(selectors)));
    }
  },
};
