import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { HttpRequest, HttpResponse } from '@smithy/core/protocols';
import { SAMPLE_ACCOUNTS, STUDENT_RECORDS_BUCKET, createSampleRequestHandler } from '../../src/sample';

const credentials = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };
const prod = SAMPLE_ACCOUNTS.production.id;

interface Exchange { hostname: string; path: string; status: number; headers: Record<string, string>; body: string }

/** The sample handler, recording what went over the (simulated) wire. */
function recordingHandler(account: string, day: number) {
  const inner = createSampleRequestHandler({ account, day });
  const seen: Exchange[] = [];
  const handler = {
    ...inner,
    async handle(request: HttpRequest) {
      const out: { response: HttpResponse } = await inner.handle(request);
      const body = Buffer.from(out.response.body as Uint8Array).toString('utf8');
      seen.push({ hostname: request.hostname, path: request.path, status: out.response.statusCode, headers: out.response.headers, body });
      return out;
    },
  };
  return { handler, seen };
}

describe('sample wire answers', () => {
  it.each([
    [false, `${STUDENT_RECORDS_BUCKET}.s3.us-east-1.amazonaws.com`, '/'],
    [true, 's3.us-east-1.amazonaws.com', `/${STUDENT_RECORDS_BUCKET}`],
  ])('addresses S3 %s-path-style as %s and answers the namespaced document', async (forcePathStyle, host, path) => {
    const { handler, seen } = recordingHandler(prod, 0);
    const client = new S3Client({ region: 'us-east-1', credentials, forcePathStyle, requestHandler: handler });
    await client.send(new GetBucketVersioningCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    expect(seen[0]?.hostname).toBe(host);
    expect(seen[0]?.path.replace(/\/$/, '') || '/').toBe(path);
    expect(seen[0]?.body).toBe('<?xml version="1.0" encoding="UTF-8"?>\n'
      + '<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>');
    expect(seen[0]?.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });

  it('answers CloudTrail errors in the JSON 1.1 shape with x-amzn-ErrorType', async () => {
    const { handler, seen } = recordingHandler(prod, 0);
    const client = new CloudTrailClient({ region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: handler });
    await client.send(new GetTrailStatusCommand({ Name: 'no-such-trail' })).catch(() => undefined);
    expect(seen[0]?.status).toBe(400);
    expect(seen[0]?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(seen[0]?.headers['x-amzn-errortype']).toBe('TrailNotFoundException');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      __type: 'TrailNotFoundException',
      message: `Unknown trail: arn:aws:cloudtrail:us-east-1:${prod}:trail/no-such-trail for the user: ${prod}`,
    });
  });

  it('keeps unchanged answers byte-identical across days (request ids included)', async () => {
    const a = recordingHandler(prod, 2);
    const b = recordingHandler(prod, 80);
    for (const { handler } of [a, b]) {
      await new S3Client({ region: 'us-east-1', credentials, requestHandler: handler }).send(new GetBucketVersioningCommand({ Bucket: STUDENT_RECORDS_BUCKET }));
    }
    expect(b.seen[0]?.body).toBe(a.seen[0]?.body);
    expect(b.seen[0]?.headers).toEqual(a.seen[0]?.headers);
  });
});
