import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ArtifactV1 } from '../../src/core/artifact';
import { sha256Hex } from '../../src/core/hash';
import { buildContext } from '../../src/evaluate/context';
import { PROCESS_RULES, processAttestation } from '../../src/evaluate/rules/process';
import type { CheckResult, DayArtifact } from '../../src/evaluate/types';
import type { WorkflowRecord } from '../../src/workflow/model';
import { encodeRecord } from '../../src/workflow/records';
import { sampleAttestation, sampleDetected, sampleDrill, sampleDrillAck, sampleReview } from '../support/workflow-records';

/** The process rules read the workflow records the day carries; the evaluation time is the day's last observation. */
function evaluate(kind: 'notification-procedure' | 'workflow-drill' | 'incident-timeliness' | 'quarterly-review', records: WorkflowRecord[], asOf: string): CheckResult {
  const artifacts: DayArtifact[] = records.map((r) => {
    const sealed = encodeRecord(r);
    return { key: sealed.key, sha256: sealed.sha256, observedAt: asOf, artifact: JSON.parse(sealed.bytes.toString('utf8')) as ArtifactV1 };
  });
  return processAttestation.evaluate(buildContext({ date: asOf.slice(0, 10), accounts: [], regions: [], artifacts, gaps: [] }), { kind });
}
const reasons = (r: CheckResult): string[] => r.resources.map((x) => `${x.verdict}: ${x.reason}`);
const event = (type: 'escalated' | 'customers-notified' | 'closed', at: string) => sampleDetected({ event: type, at, detection: null, recordedAt: at });

describe('process.attestation: notification procedure', () => {
  it('is not evidenced before a procedure is attested', () => {
    expect(reasons(evaluate('notification-procedure', [], '2026-10-02T06:00:00.000Z'))).toEqual(['not-evidenced: no notification procedure (document notification-procedure) has been attested (evidence attest --document-id notification-procedure)']);
  });

  it('passes with the version in force, reviewed within the quarter, citing the sealed document', () => {
    const r = evaluate('notification-procedure', [sampleAttestation()], '2026-10-20T06:00:00.000Z');
    expect(r.verdict).toBe('pass');
    expect(reasons(r)[0]).toMatch(/^pass: version 1\.0 \(sha256 [0-9a-f]{12}…, owner compliance-lead\) in force since 2026-10-01; reviewed 2026-10-01 \(18 days ago, within 92\); next review 2026-12-31$/);
    expect(r.resources[0]?.evidence).toEqual([{ key: encodeRecord(sampleAttestation()).key, sha256: encodeRecord(sampleAttestation()).sha256 }]);
  });

  it('fails when the last review is older than the policy allows', () => {
    const r = evaluate('notification-procedure', [sampleAttestation({ nextReview: '2027-06-01' })], '2027-01-05T06:00:00.000Z');
    expect(reasons(r)).toEqual([expect.stringMatching(/^fail: .*last reviewed 2026-10-01, 95 days ago: the policy requires a review within 92 days$/)]);
  });

  it('fails when the document\'s own next review is overdue', () => {
    const r = evaluate('notification-procedure', [sampleAttestation({ nextReview: '2026-10-15' })], '2026-10-20T06:00:00.000Z');
    expect(reasons(r)).toEqual([expect.stringMatching(/its next review was due on 2026-10-15$/)]);
  });

  it('takes the newest effective version, and a version not yet effective is not in force', () => {
    const v2 = sampleAttestation({ version: '2.0', effectiveAt: '2026-11-01T00:00:00.000Z', recordedAt: '2026-10-25T00:00:00.000Z' });
    expect(reasons(evaluate('notification-procedure', [sampleAttestation(), v2], '2026-10-28T06:00:00.000Z'))[0]).toContain('version 1.0');
    expect(reasons(evaluate('notification-procedure', [sampleAttestation(), v2], '2026-11-02T06:00:00.000Z'))[0]).toContain('version 2.0');
  });
});

describe('process.attestation: escalation drills', () => {
  it('passes on a delivered, acknowledged drill within the interval', () => {
    const r = evaluate('workflow-drill', [sampleDrill(), sampleDrillAck()], '2026-10-20T06:00:00.000Z');
    expect(reasons(r)).toEqual(['pass: drill drill-20261005T090000Z-student-data-exfiltration on 2026-10-05 delivered to 1 of 1 subscription(s) in 3 s; acknowledged by on-call-primary after 7 min']);
    expect(r.resources[0]?.evidence).toHaveLength(2);
  });

  it('fails when the latest drill did not deliver, with its reasons', () => {
    const failed = sampleDrill({ drillId: 'drill-2', triggeredAt: '2026-11-05T09:00:00.000Z', recordedAt: '2026-11-05T09:05:00.000Z', outcome: 'fail', failureReasons: ['subscription PendingConfirmation (https) never confirmed'], secondsToDelivery: null });
    expect(reasons(evaluate('workflow-drill', [sampleDrill(), failed], '2026-11-06T06:00:00.000Z'))).toEqual(['fail: drill drill-2 on 2026-11-05 failed: subscription PendingConfirmation (https) never confirmed']);
  });

  it('fails when the last drill is older than the interval, and is not evidenced with none', () => {
    expect(reasons(evaluate('workflow-drill', [sampleDrill()], '2026-11-20T06:00:00.000Z'))[0]).toMatch(/^fail: .* was 45 days ago: the policy requires a drill every 31 days$/);
    expect(evaluate('workflow-drill', [], '2026-11-20T06:00:00.000Z').verdict).toBe('not-evidenced');
  });
});

describe('process.attestation: incident deadlines', () => {
  const detected = sampleDetected();

  it('passes an incident that met every deadline (regulator step skipped with its reason)', () => {
    const r = evaluate('incident-timeliness', [detected, event('escalated', '2026-10-10T09:00:00.000Z'), event('customers-notified', '2026-10-12T10:00:00.000Z'), event('closed', '2026-10-20T10:00:00.000Z')], '2026-10-21T06:00:00.000Z');
    expect(reasons(r)).toEqual(['pass: high incident detected 2026-10-10T03:12Z, closed 2026-10-20: Internal escalation met; Customer notification met; Regulator notification skipped (no customer contract or law requires regulator notification (recorded at detection))']);
  });

  it('fails an incident whose customers were told after 72 hours, saying by how much', () => {
    const r = evaluate('incident-timeliness', [detected, event('escalated', '2026-10-10T09:00:00.000Z'), event('customers-notified', '2026-10-13T13:12:00.000Z')], '2026-10-21T06:00:00.000Z');
    expect(r.verdict).toBe('fail');
    expect(reasons(r)[0]).toContain('Customer notification missed (done 82 h after detection: 10 h past the 72 h deadline)');
  });

  it('shows a deadline still running, and one missed while nothing was recorded', () => {
    expect(reasons(evaluate('incident-timeliness', [detected], '2026-10-10T12:00:00.000Z'))[0]).toMatch(/^pass: .*Internal escalation running; Customer notification running/);
    expect(reasons(evaluate('incident-timeliness', [detected], '2026-10-11T12:00:00.000Z'))[0]).toMatch(/^fail: .*Internal escalation missed \(not done: 8 h 48 min past the 24 h deadline as of 2026-10-11T12:00:00.000Z\)/);
  });

  it('skips the customer step when no customer data is involved, with the stated reason', () => {
    const noData = sampleDetected({ detection: { ...(detected.detection as NonNullable<typeof detected.detection>), customerData: false }, note: 'only synthetic test accounts were read' });
    const r = evaluate('incident-timeliness', [noData, event('escalated', '2026-10-10T09:00:00.000Z')], '2026-10-21T06:00:00.000Z');
    expect(reasons(r)[0]).toContain('Customer notification skipped (no student or customer data involved (recorded at detection): only synthetic test accounts were read)');
    expect(r.verdict).toBe('pass');
  });

  it('is not applicable with no incident in the quarter and none open', () => {
    const closed = [detected, event('escalated', '2026-10-10T09:00:00.000Z'), event('customers-notified', '2026-10-11T09:00:00.000Z'), event('closed', '2026-10-20T10:00:00.000Z')];
    expect(evaluate('incident-timeliness', closed, '2027-01-05T06:00:00.000Z').verdict).toBe('not-applicable');
  });

  it('uses the attested notification policy in force instead of the bundled one', () => {
    const policy = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'templates', 'notification-policy.json'), 'utf8')) as { steps: Array<{ id: string; withinHours: number }> };
    policy.steps.find((x) => x.id === 'customer-notification')!.withinHours = 96;
    const bytes = Buffer.from(JSON.stringify(policy));
    const attested = sampleAttestation({ documentId: 'notification-policy', documentKind: 'policy', fileName: 'notification-policy.json', mediaType: 'application/json', sha256: sha256Hex(bytes), bytes: bytes.length, contentBase64: bytes.toString('base64') });
    const late = [detected, event('escalated', '2026-10-10T09:00:00.000Z'), event('customers-notified', '2026-10-13T13:12:00.000Z')];

    const r = evaluate('incident-timeliness', [attested, ...late], '2026-10-21T06:00:00.000Z');

    expect(r.verdict).toBe('pass');
    expect(r.resources[0]?.evidence).toContainEqual({ key: encodeRecord(attested).key, sha256: encodeRecord(attested).sha256 });
  });

  it('applies a correction of the notification time', () => {
    const late = event('customers-notified', '2026-10-14T10:00:00.000Z');
    const sha = encodeRecord(late).sha256;
    const correction = sampleDetected({ event: 'correction', at: '2026-10-12T10:00:00.000Z', detection: null, corrects: sha, note: 'the notice went out on the 12th; recorded late', recordedAt: '2026-10-15T10:00:00.000Z' });
    expect(evaluate('incident-timeliness', [detected, event('escalated', '2026-10-10T09:00:00.000Z'), late, correction], '2026-10-21T06:00:00.000Z').verdict).toBe('pass');
  });
});

describe('process.attestation: quarterly review', () => {
  it('passes with the review of the quarter or of the one before', () => {
    expect(reasons(evaluate('quarterly-review', [sampleReview()], '2026-12-21T06:00:00.000Z'))).toEqual(['pass: 2026-Q4 reviewed by compliance-lead, signed 2026-12-20']);
    expect(evaluate('quarterly-review', [sampleReview()], '2027-02-01T06:00:00.000Z').verdict).toBe('pass');
  });

  it('is not evidenced before the review is signed, and two quarters later', () => {
    expect(reasons(evaluate('quarterly-review', [sampleReview()], '2026-12-19T06:00:00.000Z'))).toEqual(['not-evidenced: no signed review of 2026-Q3 or 2026-Q4 (evidence review sign)']);
    expect(evaluate('quarterly-review', [sampleReview()], '2027-04-02T06:00:00.000Z').verdict).toBe('not-evidenced');
  });

  it('is the only process rule', () => {
    expect(PROCESS_RULES).toEqual([processAttestation]);
  });
});
