import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, type AlarmType } from '@aws-sdk/client-cloudwatch';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

const ALARM_TYPES: AlarmType[] = ['MetricAlarm', 'CompositeAlarm'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * CloudWatch alarms: the alarms of the region with their actions (alarm → SNS → confirmed
 * subscribers: the escalation chain of incident detection, SOC 2 CC7.3 / ISO 27001 A.5.25),
 * and each alarm's history over the evidence day, which shows whether it fired and notified.
 */
export const cloudwatchCollector: Collector = {
  name: 'cloudwatch',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(CloudWatchClient, target.region);
    const paging = { service: 'cloudwatch', tokenIn: 'NextToken' } as const;
    const alarms = { ...paging, operation: 'DescribeAlarms', input: { AlarmTypes: ALARM_TYPES, MaxRecords: 100 } };
    const pages = await rec.pages(alarms, (input) => client.send(new DescribeAlarmsCommand(input)), (p) => p.NextToken);
    const names: string[] = [];
    for (const page of pages) for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) if (alarm.AlarmName) names.push(alarm.AlarmName);
    // The evidence day, [date T00:00Z, next day T00:00Z): the 24 hours the pack attests to.
    const StartDate = new Date(`${target.settings.date}T00:00:00.000Z`);
    const EndDate = new Date(StartDate.getTime() + DAY_MS);
    for (const AlarmName of names) {
      const input = { AlarmName, AlarmTypes: ALARM_TYPES, StartDate, EndDate, MaxRecords: 100, ScanBy: 'TimestampDescending' as const };
      await rec.pages({ ...paging, operation: 'DescribeAlarmHistory', input }, (i) => client.send(new DescribeAlarmHistoryCommand(i)), (p) => p.NextToken);
    }
  },
};
