import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { makeHandler } from '../../functions/incident-from-finding';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyVault } from '../../src/verify';
import { loadRecords } from '../../src/workflow/load-records';
import { readFindingConfig } from '../../src/workflow/incident-from-finding';
import { sealRecords } from '../../src/workflow/seal-records';
import { TEST_KEY } from '../support/keys';
import { useTempDir } from '../support/temp';
import { sampleReview } from '../support/workflow-records';

/**
 * The GuardDuty → incident function (functions/incident-from-finding.ts): an EventBridge
 * "GuardDuty Finding" event as AWS delivers it (envelope and finding fields as in GuardDuty's
 * Finding API shape) opens an incident at the finding's createdAt, once per finding id.
 */
function findingEvent(overrides: { id?: string; severity?: number; archived?: boolean } = {}): EventBridgeEvent<'GuardDuty Finding', unknown> {
  return {
    version: '0',
    id: 'c8c4daa7-a20c-2f03-0070-b7393dd542ad',
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: '730461928517',
    time: '2026-11-02T05:45:10Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      schemaVersion: '2.0',
      accountId: '730461928517',
      region: 'us-east-1',
      partition: 'aws',
      id: overrides.id ?? '7ec8b3f1a2d94e6b8c05f1a93d72e4b6',
      arn: `arn:aws:guardduty:us-east-1:730461928517:detector/4ab6f12e8d9c0b7a5e3f21d4c6b8a9e0/finding/${overrides.id ?? '7ec8b3f1a2d94e6b8c05f1a93d72e4b6'}`,
      type: 'UnauthorizedAccess:S3/TorIPCaller',
      resource: { resourceType: 'S3Bucket', s3BucketDetails: [{ name: 'brightpath-prod-student-records', type: 'Destination' }] },
      service: { serviceName: 'guardduty', detectorId: '4ab6f12e8d9c0b7a5e3f21d4c6b8a9e0', action: { actionType: 'AWS_API_CALL' }, eventFirstSeen: '2026-11-02T05:38:12.000Z', eventLastSeen: '2026-11-02T05:41:55.000Z', archived: overrides.archived ?? false, count: 3 },
      severity: overrides.severity ?? 8,
      createdAt: '2026-11-02T05:40:02.318Z',
      updatedAt: '2026-11-02T05:44:51.120Z',
      title: 'An S3 API was invoked from a Tor exit node IP address.',
      description: 'An API GetObject was invoked on bucket brightpath-prod-student-records from a Tor exit node IP address.',
    },
  };
}

const context = { functionName: 'evidence-incident-from-finding', awsRequestId: 'req-1' } as unknown as Context;
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();

describe('incident-from-finding function', () => {
  const tmp = useTempDir();
  const setup = async (): Promise<{ dir: string; vault: Vault; handler: ReturnType<typeof makeHandler> }> => {
    const dir = path.join(tmp(), 'vault');
    const vault = new Vault(new LocalObjectStore(dir));
    const signer = LocalKeySigner.fromPem(TEST_KEY.privateKeyPem);
    await sealRecords(vault, signer, [sampleReview({ quarter: '2026-Q4', signedAt: '2026-11-01T10:00:00.000Z', recordedAt: '2026-11-01T10:00:00.000Z' })], { now: new Date('2026-11-01T10:00:00.000Z'), organization: 'Brightpath Learning' });
    const handler = makeHandler(() => ({ vault, signer, minSeverity: 7, now: () => new Date('2026-11-02T05:46:00.000Z') }));
    return { dir, vault, handler };
  };

  it('opens an incident at the finding\'s createdAt, once per finding', async () => {
    const { dir, vault, handler } = await setup();

    const first = await handler(findingEvent(), context);
    const again = await handler(findingEvent(), context);
    const records = (await loadRecords(vault)).filter((r) => r.record.kind === 'incident-event');

    expect(first).toMatchObject({ action: 'opened', incidentId: expect.stringMatching(/^INC-20261102-[0-9a-f]{6}$/) as unknown });
    expect(again).toEqual({ action: 'skipped', incidentId: (first as { incidentId: string }).incidentId, reason: expect.stringContaining('already open for finding 7ec8b3f1a2d94e6b8c05f1a93d72e4b6') as unknown });
    expect(records).toHaveLength(1);
    expect(records[0]?.record).toMatchObject({
      event: 'detected', at: '2026-11-02T05:40:02.318Z', recordedAt: '2026-11-02T05:45:10.000Z', recordedBy: 'guardduty-incident-opener',
      detection: { source: 'guardduty:UnauthorizedAccess:S3/TorIPCaller', severity: 'high', customerData: true, externalRef: '7ec8b3f1a2d94e6b8c05f1a93d72e4b6' },
    });
    expect((await verifyVault(dir, {})).failures).toEqual([]);
  });

  it('maps severity 9 and above to critical and leaves findings below the threshold or archived alone', async () => {
    const { dir, vault, handler } = await setup();
    const before = files(dir);

    expect(await handler(findingEvent({ id: 'low', severity: 5.5 }), context)).toEqual({ action: 'skipped', reason: 'severity 5.5 is below 7' });
    expect(await handler(findingEvent({ id: 'archived', archived: true }), context)).toEqual({ action: 'skipped', reason: 'finding archived is archived' });
    expect(files(dir)).toEqual(before);
    await handler(findingEvent({ id: 'critical', severity: 9.2 }), context);
    expect((await loadRecords(vault)).find((r) => r.record.kind === 'incident-event')?.record).toMatchObject({ detection: { severity: 'critical' } });
  });

  it('refuses an event that is not a GuardDuty finding, writing nothing', async () => {
    const { dir, handler } = await setup();
    const before = files(dir);

    await expect(handler({ ...findingEvent(), source: 'aws.securityhub' }, context)).rejects.toThrow(/not a GuardDuty Finding event: \$\.source/);
    expect(files(dir)).toEqual(before);
  });

  it('checks its configuration at cold start, naming every problem', () => {
    expect(() => readFindingConfig({ EVIDENCE_VAULT_URL: 'file://x', EVIDENCE_INCIDENT_MIN_SEVERITY: 'high' })).toThrow(/EVIDENCE_VAULT_URL must be s3:\/\/BUCKET\/PREFIX.*EVIDENCE_KMS_KEY_ID is not set.*EVIDENCE_INCIDENT_MIN_SEVERITY must be a number/);
    expect(readFindingConfig({ EVIDENCE_VAULT_URL: 's3://vault/evidence', EVIDENCE_KMS_KEY_ID: 'alias/evidence' })).toEqual({ vaultUrl: 's3://vault/evidence', kmsKeyId: 'alias/evidence', minSeverity: 7, retentionDays: 400, organization: undefined });
  });
});
