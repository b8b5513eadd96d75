import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketVersioningCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { SAMPLE_ACCOUNTS, STUDENT_RECORDS_BUCKET, startSampleServer, type SampleServer } from '../../src/sample';

const credentials = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };
const prod = SAMPLE_ACCOUNTS.production.id;

describe('sample server (AWS_ENDPOINT_URL)', () => {
  let server: SampleServer;
  beforeAll(async () => {
    server = await startSampleServer({ account: prod, day: 22, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('listens on a loopback URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers STS as the server account, and InvalidAction for an unrecorded action', async () => {
    const sts = new STSClient({ region: 'us-east-1', credentials, endpoint: server.url, maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(prod);
    const err: unknown = await sts.send(new GetSessionTokenCommand({})).catch((e: unknown) => e);
    expect((err as Error).name).toBe('InvalidAction');
    expect((err as Error).message).toContain('GetSessionToken');
  });

  it('serves S3 path-style over HTTP with the day of the server (versioning suspended on day 22)', async () => {
    const client = new S3Client({ region: 'us-east-1', credentials, endpoint: server.url, maxAttempts: 1 });
    const versioning = await client.send(new GetBucketVersioningCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    expect(versioning.Status).toBe('Suspended');
    const list = await client.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    expect(list.Buckets).toHaveLength(2);
    expect(list.ContinuationToken).toEqual(expect.any(String));
  });

  it('takes the region from the SigV4 credential scope when the endpoint is custom', async () => {
    const west = new CloudWatchLogsClient({ region: 'us-west-2', credentials, endpoint: server.url, maxAttempts: 1 });
    const east = new CloudWatchLogsClient({ region: 'us-east-1', credentials, endpoint: server.url, maxAttempts: 1 });
    const [w, e] = await Promise.all([west.send(new DescribeLogGroupsCommand({})), east.send(new DescribeLogGroupsCommand({}))]);
    expect(w.logGroups?.map((g) => g.logGroupName)).toContain('/aws/vpc/flow-logs/brightpath-prod-usw2');
    expect(e.logGroups?.map((g) => g.logGroupName)).not.toContain('/aws/vpc/flow-logs/brightpath-prod-usw2');
  });
});
