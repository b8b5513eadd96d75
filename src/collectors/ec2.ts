import { DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

type PageInput = { MaxResults: number; NextToken?: string };
type PageQuestion = (client: EC2Client, input: PageInput) => Promise<{ NextToken?: string }>;

/**
 * Network logging, per region: every VPC, and every flow log, so that evaluation can match
 * them (a VPC without an active flow log has no record of traffic that could show a leak).
 * Both lists are followed to the last page; EC2 allows up to 1000 items per page.
 */
const QUESTIONS: ReadonlyArray<{ operation: string; send: PageQuestion }> = [
  { operation: 'DescribeVpcs', send: (c, i) => c.send(new DescribeVpcsCommand(i)) },
  { operation: 'DescribeFlowLogs', send: (c, i) => c.send(new DescribeFlowLogsCommand(i)) },
];

export const ec2Collector: Collector = {
  name: 'ec2',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const client = target.clients.get(EC2Client, target.region);
    for (const q of QUESTIONS) {
      const input: PageInput = { MaxResults: 1000 };
      await rec.pages({ service: 'ec2', operation: q.operation, input, tokenIn: 'NextToken' }, (i) => q.send(client, i), (p) => p.NextToken);
    }
  },
};
