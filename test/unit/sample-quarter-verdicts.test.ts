import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import type { ControlVerdict } from '../../src/evaluate/engine';
import { evaluationFor } from '../../src/evaluate/registry';
import { runSampleDay } from '../../src/pipeline/sample-organization';
import { SAMPLE_DRIFT } from '../../src/sample';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { useTempDir } from '../support/temp';

/**
 * The sample organization's quarter evaluates to the expected verdicts on its scripted drift
 * days: each drift row breaks the control it is about on exactly its days (checked the day
 * before, the first and last day, and the day after), through the whole real pipeline.
 */
const START = '2026-07-01';
const DRIFT_CONTROL: Record<string, { control: string; during: ControlVerdict }> = {
  'student-records-versioning-suspended': { control: 's3-bucket-versioning', during: 'fail' },
  'flow-log-retention-cut': { control: 'cloudwatch-log-group-retention-90d', during: 'fail' },
  'org-trail-stopped': { control: 'cloudtrail-multi-region-trail-logging', during: 'fail' },
  'prod-usw2-flow-log-deleted': { control: 'vpc-flow-logs-enabled', during: 'fail' },
  'prod-pager-subscription-pending': { control: 'sns-escalation-subscriptions', during: 'fail' },
  'log-archive-assume-role-denied': { control: 'config-recorder-all-regions', during: 'not-evidenced' },
};

describe('the sample quarter on its drift days', () => {
  const tmp = useTempDir();

  async function verdictsOn(day: number): Promise<Map<string, ControlVerdict>> {
    const vault = new Vault(new LocalObjectStore(path.join(tmp(), `vault-${day}`)));
    const signer = await LocalKeySigner.openOrCreate(path.join(tmp(), 'key.pem'));
    const result = await runSampleDay({ vault, signer, day, startDate: START, evaluation: evaluationFor(await loadCatalog()) });
    return new Map(result.results!.controls.map((c) => [c.id, c.verdict]));
  }

  it('has an expectation for every drift row but the GuardDuty one (tested below)', () => {
    expect(SAMPLE_DRIFT.map((d) => d.id).filter((id) => !(id in DRIFT_CONTROL)).sort()).toEqual(['guardduty-tor-finding-open']);
  });

  it.each(Object.entries(DRIFT_CONTROL))('%s: %j on its days only', async (id, { control, during }) => {
    const drift = SAMPLE_DRIFT.find((d) => d.id === id)!;
    const days = [drift.firstDay - 1, drift.firstDay, drift.lastDay, drift.lastDay + 1];
    const verdicts = await Promise.all(days.map(async (d) => (await verdictsOn(d)).get(control)));
    expect(verdicts).toEqual(['pass', during, during, 'pass']);
  });

  it('a high-severity GuardDuty finding fails triage once it has been open more than 24 hours', async () => {
    const drift = SAMPLE_DRIFT.find((d) => d.id === 'guardduty-tor-finding-open')!;
    const days = [drift.firstDay, drift.firstDay + 1, drift.lastDay, drift.lastDay + 1];
    const verdicts = await Promise.all(days.map(async (d) => (await verdictsOn(d)).get('guardduty-findings-triaged-24h')));
    expect(verdicts).toEqual(['pass', 'fail', 'fail', 'pass']);
  });

  it('without workflow records, the process controls are not evidenced (and no incident is not applicable)', async () => {
    const verdicts = await verdictsOn(5);
    for (const id of ['incident-notification-procedure', 'incident-workflow-test', 'quarterly-control-operation-review']) {
      expect(verdicts.get(id)).toBe('not-evidenced');
    }
    expect(verdicts.get('incident-records-retained')).toBe('not-applicable');
  });
});
