import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ArtifactV1 } from '../../src/core/artifact';
import type { ManifestV1 } from '../../src/core/manifest';
import { SAMPLE_ACCOUNTS, startSampleServer, type SampleServer } from '../../src/sample';
import { STACK_TRACE, runBin, runCli } from '../support/cli';
import { useTempDir } from '../support/temp';

/**
 * `evidence collect` with nothing but the standard SDK configuration: AWS_ENDPOINT_URL points
 * every client at an HTTP server that speaks AWS's wire protocols (the sample organization).
 */
describe('evidence collect against an endpoint set by AWS_ENDPOINT_URL', () => {
  const tmp = useTempDir();
  let server: SampleServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = await startSampleServer({ account: SAMPLE_ACCOUNTS.production.id, day: 22, startDate: '2026-07-01' });
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDENDPOINTTEST0000',
      AWS_SECRET_ACCESS_KEY: 'endpoint-test-secret',
    });
    delete process.env.AWS_PROFILE;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('collects the account the endpoint answers for and seals the day', async () => {
    const vault = path.join(tmp(), 'vault');
    const r = await runCli(['collect', '--vault', `file://${vault}`, '--date', '2026-07-23', '--regions', 'us-east-1,us-west-2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sealed 2026-07-23');
    const manifest = JSON.parse(await fs.readFile(path.join(vault, 'manifests/2026-07-23/00000000.json'), 'utf8')) as ManifestV1;
    expect(manifest.scope).toMatchObject({ mode: 'single-account', accounts: [SAMPLE_ACCOUNTS.production.id], regions: ['us-east-1', 'us-west-2'] });
    // Two honest gaps, nothing else: a member account may not list the organization, and S3
    // Control puts the account id in front of the endpoint's host name, which a bare IP
    // endpoint cannot take (the SDK refuses the URL); the buckets are still collected.
    expect(manifest.gaps.map((g) => [g.operation, g.errorCode])).toEqual([
      ['organizations:ListAccounts', 'AccessDeniedException'],
      ['s3-control:GetPublicAccessBlock', 'TypeError'],
    ]);
    const artifacts = await Promise.all(manifest.artifacts.map(async (a) => JSON.parse(await fs.readFile(path.join(vault, a.key), 'utf8')) as ArtifactV1));
    const ops = new Set(artifacts.map((a) => `${a.request.service}:${a.request.operation}`));
    expect([...ops].sort()).toEqual(expect.arrayContaining(['cloudtrail:DescribeTrails', 's3:ListBuckets', 's3:GetBucketVersioning', 's3:GetBucketPolicy']));
    // Day 22 of the sample quarter: the student-records bucket has versioning suspended.
    const versioning = artifacts.find((a) => a.request.operation === 'GetBucketVersioning' && a.request.input.Bucket === 'brightpath-prod-student-records');
    expect(versioning && 'response' in versioning ? versioning.response : undefined).toEqual({ MFADelete: 'Disabled', Status: 'Suspended' });
    // The day's controls were evaluated and the results sealed with it.
    expect(r.out).toMatch(/controls +\d+ pass, \d+ fail/);
    expect(manifest.artifacts.filter((a) => a.collector === 'evaluation')).toHaveLength(1);
    expect((await runCli(['verify', vault])).code).toBe(0);
  });

  it('refuses a bad catalog overrides file before collecting anything (exit 2)', async () => {
    const vault = path.join(tmp(), 'vault');
    const overrides = path.join(tmp(), 'overrides.json');
    await fs.writeFile(overrides, JSON.stringify({ schema: 'evidence-vault/catalog-overrides/v1', disable: { 'no-such-control': 'why' } }));
    const r = await runCli(['collect', '--vault', vault, '--date', '2026-07-23', '--catalog-config', overrides]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no-such-control');
    await expect(fs.readdir(vault)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('seals a second run on the same day as the next manifest of the chain', async () => {
    const vault = path.join(tmp(), 'vault');
    await runCli(['collect', '--vault', vault, '--date', '2026-07-23']);
    const second = await runCli(['collect', '--vault', vault, '--date', '2026-07-23']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('manifests/2026-07-23/00000001.json (sequence 1)');
  });

  it('exits 3 with a clear message when no AWS endpoint answers, writing nothing', () => {
    const vault = path.join(tmp(), 'vault');
    const r = runBin(['collect', '--vault', vault, '--date', '2026-07-23'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' });
    expect(r.code).toBe(3);
    expect(r.err).toContain('AWS_UNAVAILABLE: cannot tell which AWS account to collect');
    expect(r.err).not.toMatch(STACK_TRACE);
    return expect(fs.readdir(vault)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
