import { readFunctionConfig } from '../../src/config/lambda-env';
import { createCollectHandler } from '../../src/deploy/collect-handler';
import { dayOf } from '../../src/deploy/plan-handler';
import { COLLECTORS } from '../../src/collectors/registry';
import { planDay } from '../../src/pipeline/plan-day';
import { MemoryStagingStore } from '../../src/pipeline/staging';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { useTempDir } from '../support/temp';
import { runFanOutDay } from './fanout';
import { lambdaContext, recordingObservability, testSigner } from './lambda';

const tempDir = useTempDir('evidence-config-');
const GOOD = { EVIDENCE_VAULT_URL: 's3://evidence-vault-prod/', EVIDENCE_STAGING_BUCKET: 'evidence-vault-prod-staging', EVIDENCE_KMS_KEY_ID: 'arn:aws:kms:us-east-1:111111111111:key/abc', EVIDENCE_REGIONS: 'us-east-1, eu-west-1', EVIDENCE_RETENTION_DAYS: '400' };

describe('the functions\' configuration', () => {
  it('reads the deployment\'s environment', () => {
    expect(readFunctionConfig({ ...GOOD, EVIDENCE_MEMBER_ROLE: 'AuditReader', EVIDENCE_MEMBER_EXTERNAL_ID: 'x-1', EVIDENCE_ORGANIZATION: 'Brightpath' })).toEqual({
      vaultUrl: 's3://evidence-vault-prod/', stagingBucket: 'evidence-vault-prod-staging', kmsKeyId: GOOD.EVIDENCE_KMS_KEY_ID, regions: ['us-east-1', 'eu-west-1'], retentionDays: 400, memberRole: 'AuditReader', memberExternalId: 'x-1', organization: 'Brightpath',
    });
  });

  it('refuses a bad environment at cold start, naming every wrong variable', () => {
    expect(() => readFunctionConfig({ ...GOOD, EVIDENCE_VAULT_URL: 'evidence-vault-prod', EVIDENCE_REGIONS: 'us-east-1,Ireland', EVIDENCE_RETENTION_DAYS: '3000', EVIDENCE_STAGING_BUCKET: '' })).toThrow(
      /EVIDENCE_VAULT_URL must be s3:\/\/BUCKET\/PREFIX, found 'evidence-vault-prod'; EVIDENCE_STAGING_BUCKET must be a bucket name, found ''; EVIDENCE_REGIONS: 'Ireland' is not a region name; EVIDENCE_RETENTION_DAYS must be a whole number of days from 1 to 2557, found '3000'/,
    );
  });
});

describe('the daily run\'s inputs', () => {
  it('takes the day from the schedule\'s time or an explicit date, and refuses anything else', () => {
    expect(dayOf({ time: '2026-11-27T06:00:00Z' })).toBe('2026-11-27');
    expect(dayOf({ time: '2026-11-27T06:00:00Z', date: '2026-11-20' })).toBe('2026-11-20');
    expect(() => dayOf({ date: '2026-02-30' })).toThrow('execution input "date": expected a day YYYY-MM-DD, found "2026-02-30"');
    expect(() => dayOf(null)).toThrow(/neither "date" nor a scheduled event's "time"/);
  });

  it('refuses a malformed item before calling AWS', async () => {
    const obs = recordingObservability();
    const accountFor = jest.fn();
    const collect = createCollectHandler({ ...obs, staging: new MemoryStagingStore(), collectors: COLLECTORS, now: () => new Date(), accountFor });
    await expect(collect({ date: '2026-11-27', item: { account: '12', region: 'us-east-1', homeRegion: 'us-east-1', managementAccount: '111111111111' } }, lambdaContext('collect'))).rejects.toThrow(/12-digit account ids, found/);
    expect(accountFor).not.toHaveBeenCalled();
  });

  it('refuses to plan a day before the chain\'s head (days are sealed in order)', async () => {
    const obs = recordingObservability();
    const s = { vault: new Vault(new LocalObjectStore(tempDir())), signer: testSigner(), staging: new MemoryStagingStore(), obs };
    await runFanOutDay(s, 1);
    await expect(planDay({ vault: s.vault, staging: s.staging, stagingBucket: 'b', date: '2026-09-29', accounts: ['111111111111'], regions: ['us-east-1'], managementAccount: '111111111111' })).rejects.toMatchObject({ code: 'CHAIN_CONFLICT' });
  });
});
