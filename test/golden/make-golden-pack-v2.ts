/**
 * Builds the golden evidence pack of format v2 (`evidence-vault/pack/v2`, with the Leak-reporting
 * readiness section) with the real pipeline and the real builder, signed by the TEST-ONLY key.
 * Run once; its output is committed as test/golden/pack-v2/ and frozen (test/golden/README.md).
 * Tests verify the committed files and never call this script.
 *
 *   npx esbuild --bundle --platform=node --packages=external --log-level=warning \
 *     test/golden/make-golden-pack-v2.ts --outfile=<tmp>/make-golden-pack.js
 *   NODE_PATH=node_modules node <tmp>/make-golden-pack.js test/golden/pack-v2
 *
 * (--packages=external keeps pdfkit's font files where pdfkit looks for them.)
 *
 * A tiny quarter of the bundled sample organization (docs/sample-organization.md): its
 * management account only, in its home region (us-east-1), every collector, evaluated with the
 * bundled catalog. 2026-06-30 is sealed first and becomes the chain anchor (the last manifest of
 * 2026-Q2), then 2026-07-01 … 2026-07-03 of 2026-Q3; the pack of 2026-Q3 is built at
 * 2026-10-01T06:00:00Z, so its other 87 days are missing days. As pack v1's golden, plus the
 * workflow records sealed between the daily runs (several manifests on a day): the notification
 * procedure, one incident whose customer notice is late, a passed drill with its
 * acknowledgement, a drill that failed on an unconfirmed subscription, and the quarter's review.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { COLLECTORS } from '../../src/collectors/registry';
import { evaluationFor } from '../../src/evaluate/registry';
import { buildPack } from '../../src/pack/build';
import { runDay } from '../../src/pipeline/daily-run';
import { sampleOrganizationDay } from '../../src/pipeline/sample-organization';
import { SAMPLE_ORGANIZATION } from '../../src/sample';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { TEST_KEY } from '../support/keys';
import type { WorkflowRecord } from '../../src/workflow/model';
import { sealRecords } from '../../src/workflow/seal-records';
import { sampleAttestation, sampleDetected, sampleDrill, sampleDrillAck, sampleReview } from '../support/workflow-records';

const CHAIN = { name: 'student-data-exfiltration', alarmName: 'student-data-exfiltration', alarmArn: 'arn:aws:cloudwatch:us-east-1:418295730164:alarm:student-data-exfiltration', account: '418295730164', region: 'us-east-1', topicArns: ['arn:aws:sns:us-east-1:418295730164:security-escalation'] };
const event = (type: 'escalated' | 'customers-notified' | 'contained', at: string, recordedAt = at): WorkflowRecord => sampleDetected({ incidentId: 'INC-GOLDEN-1', event: type, at, detection: null, note: `${type} (golden sample)`, recordedAt });

/** Workflow records, sealed on the day of `at`: before that day's 06:00 run when earlier than 06:00, else after it. */
const RECORDS: Array<{ at: string; records: WorkflowRecord[] }> = [
  { at: '2026-07-01T09:00:00.000Z', records: [sampleAttestation({ effectiveAt: '2026-07-01T09:00:00.000Z', recordedAt: '2026-07-01T09:00:00.000Z', nextReview: '2026-10-15' })] },
  { at: '2026-07-02T03:10:00.000Z', records: [sampleDetected({ incidentId: 'INC-GOLDEN-1', at: '2026-07-02T03:00:00.000Z', recordedAt: '2026-07-02T03:10:00.000Z' })] },
  {
    at: '2026-07-02T09:30:00.000Z',
    records: [
      event('escalated', '2026-07-02T09:00:00.000Z', '2026-07-02T09:30:00.000Z'),
      sampleDrill({ drillId: 'drill-20260702T090000Z-student-data-exfiltration', chain: CHAIN, triggeredAt: '2026-07-02T09:00:00.000Z', action: { executed: true, at: '2026-07-02T09:00:01.000Z', summary: 'Successfully executed action arn:aws:sns:us-east-1:418295730164:security-escalation' }, deliveries: [{ ...sampleDrill().deliveries[0]!, topicArn: CHAIN.topicArns[0]!, subscriptionArn: `${CHAIN.topicArns[0]!}:0b6f1c2e-1111-4c3d-9e8f-000000000001`, at: '2026-07-02T09:00:03.000Z' }], recordedAt: '2026-07-02T09:05:00.000Z' }),
      sampleDrillAck({ drillId: 'drill-20260702T090000Z-student-data-exfiltration', acknowledgedAt: '2026-07-02T09:07:00.000Z', recordedAt: '2026-07-02T09:08:00.000Z' }),
    ],
  },
  { at: '2026-07-03T12:00:00.000Z', records: [event('contained', '2026-07-03T11:00:00.000Z', '2026-07-03T12:00:00.000Z')] },
  {
    at: '2026-07-04T10:00:00.000Z',
    records: [
      sampleDrill({
        drillId: 'drill-20260704T090000Z-student-data-exfiltration', chain: CHAIN, triggeredAt: '2026-07-04T09:00:00.000Z', action: { executed: true, at: '2026-07-04T09:00:01.000Z', summary: 'Successfully executed action arn:aws:sns:us-east-1:418295730164:security-escalation' },
        deliveries: [{ topicArn: CHAIN.topicArns[0]!, subscriptionArn: 'PendingConfirmation', protocol: 'https', endpoint: 'https://pager.example.edu/***', status: 'pending-confirmation', at: null, secondsAfterTrigger: null, detail: 'subscription was never confirmed' }],
        secondsToDelivery: null, outcome: 'fail', failureReasons: ['https subscription PendingConfirmation: never confirmed, nothing delivered'], recordedAt: '2026-07-04T09:10:00.000Z',
      }),
    ],
  },
  { at: '2026-07-05T05:00:00.000Z', records: [event('customers-notified', '2026-07-05T04:30:00.000Z', '2026-07-05T05:00:00.000Z')] },
  { at: '2026-07-05T10:00:00.000Z', records: [sampleReview({ quarter: '2026-Q3', signedAt: '2026-07-05T10:00:00.000Z', recordedAt: '2026-07-05T10:00:00.000Z', statement: 'Golden sample review: procedure, drills (one failed on an unconfirmed subscription) and the late customer notice of INC-GOLDEN-1.' })] },
];

const ANCHOR_DAY = '2026-06-30';
const DAYS = 6;
const QUARTER = '2026-Q3';
const GENERATED_AT = '2026-10-01T06:00:00.000Z';

async function main(outDir: string): Promise<void> {
  if (existsSync(outDir)) throw new Error(`${outDir} exists; the golden pack is frozen and never regenerated in place`);
  const work = mkdtempSync(path.join(tmpdir(), 'golden-pack-v2-'));
  try {
    const catalog = await loadCatalog({});
    const vault = new Vault(new LocalObjectStore(path.join(work, 'vault')));
    const signer = LocalKeySigner.fromPem(TEST_KEY.privateKeyPem, 'TEST_KEY');
    for (let day = 0; day < DAYS; day++) {
      const date = new Date(Date.parse(`${ANCHOR_DAY}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
      const seal = async (before: boolean): Promise<void> => {
        for (const r of RECORDS.filter((x) => x.at.slice(0, 10) === date && (x.at.slice(11) < '06:00') === before)) await sealRecords(vault, signer, r.records, { now: new Date(r.at) });
      };
      await seal(true);
      const sample = await sampleOrganizationDay(day, ANCHOR_DAY);
      try {
        await runDay({
          vault, signer, date, now: () => new Date(`${date}T06:00:00.000Z`),
          organization: SAMPLE_ORGANIZATION.name, mode: 'sample', accounts: sample.accounts.filter((a) => a.account === sample.managementAccount),
          regions: [SAMPLE_ORGANIZATION.homeRegion], homeRegion: SAMPLE_ORGANIZATION.homeRegion, collectors: COLLECTORS,
          settings: { managementAccount: sample.managementAccount, configAggregator: sample.configAggregator },
          evaluation: evaluationFor(catalog),
        });
      } finally {
        sample.destroy();
      }
      await seal(false);
    }
    const built = await buildPack({ vault, quarter: QUARTER, signer, outDir, publicKeyPem: TEST_KEY.publicKeyPem, now: () => new Date(GENERATED_AT), catalog });
    process.stdout.write(`${built.dir}\n${built.zip}\npack.json sha256 ${built.packSha256}\nfingerprint ${built.fingerprint}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// The directory is required: a bundle's __dirname is wherever the bundle was written.
const target = process.argv[2];
if (target === undefined) throw new Error('usage: make-golden-pack.js <directory that does not exist yet>');
main(path.resolve(target)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
