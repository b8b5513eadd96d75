import { sha256Hex } from '../../src/core/hash';
import type { AttestationRecord, DrillAckRecord, DrillRecord, IncidentEventRecord, QuarterlyReviewRecord } from '../../src/workflow/model';

/** One valid record of each kind, for tests to change one thing at a time. */
const procedure = Buffer.from('# Notification procedure\n\nEscalate within 24 hours; notify customers within 72 hours.\n', 'utf8');

export function sampleAttestation(overrides: Partial<AttestationRecord> = {}): AttestationRecord {
  return {
    kind: 'attestation',
    documentId: 'notification-procedure',
    documentKind: 'procedure',
    version: '1.0',
    title: 'Leak notification procedure',
    fileName: 'notification-procedure.md',
    mediaType: 'text/markdown',
    sha256: sha256Hex(procedure),
    bytes: procedure.length,
    contentBase64: procedure.toString('base64'),
    controls: ['incident-notification-procedure'],
    owner: 'compliance-lead',
    effectiveAt: '2026-10-01T09:00:00.000Z',
    nextReview: '2026-12-31',
    recordedAt: '2026-10-01T09:00:00.000Z',
    recordedBy: 'compliance-lead',
    ...overrides,
  };
}

export function sampleDetected(overrides: Partial<IncidentEventRecord> = {}): IncidentEventRecord {
  return {
    kind: 'incident-event',
    incidentId: 'INC-2026-001',
    event: 'detected',
    at: '2026-10-10T03:12:00.000Z',
    detection: { source: 'guardduty:Exfiltration:S3/AnomalousBehavior', severity: 'high', customerData: true, regulatorRequired: false, summary: 'Unusual reads of the student records bucket', externalRef: null },
    corrects: null,
    note: '',
    recordedAt: '2026-10-10T03:15:00.000Z',
    recordedBy: 'on-call',
    ...overrides,
  };
}

export function sampleDrill(overrides: Partial<DrillRecord> = {}): DrillRecord {
  return {
    kind: 'drill',
    drillId: 'drill-20261005T090000Z-student-data-exfiltration',
    chain: {
      name: 'student-data-exfiltration',
      alarmName: 'student-data-exfiltration',
      alarmArn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:student-data-exfiltration',
      account: '111122223333',
      region: 'us-east-1',
      topicArns: ['arn:aws:sns:us-east-1:111122223333:security-escalation'],
    },
    trigger: 'scheduled',
    triggeredAt: '2026-10-05T09:00:00.000Z',
    reason: 'Evidence Vault escalation drill',
    action: { executed: true, at: '2026-10-05T09:00:01.000Z', summary: 'Successfully executed action arn:aws:sns:us-east-1:111122223333:security-escalation' },
    deliveries: [
      {
        topicArn: 'arn:aws:sns:us-east-1:111122223333:security-escalation',
        subscriptionArn: 'arn:aws:sns:us-east-1:111122223333:security-escalation:0b6f1c2e-1111-4c3d-9e8f-000000000001',
        protocol: 'email',
        endpoint: 'o***@example.edu',
        status: 'delivered',
        at: '2026-10-05T09:00:03.000Z',
        secondsAfterTrigger: 3,
        detail: 'statusCode 200',
      },
    ],
    secondsToDelivery: 3,
    outcome: 'pass',
    failureReasons: [],
    recordedAt: '2026-10-05T09:05:00.000Z',
    recordedBy: 'drill-scheduler',
    ...overrides,
  };
}

export function sampleDrillAck(overrides: Partial<DrillAckRecord> = {}): DrillAckRecord {
  return { kind: 'drill-ack', drillId: 'drill-20261005T090000Z-student-data-exfiltration', acknowledgedAt: '2026-10-05T09:07:00.000Z', by: 'on-call-primary', note: '', recordedAt: '2026-10-05T09:08:00.000Z', ...overrides };
}

export function sampleReview(overrides: Partial<QuarterlyReviewRecord> = {}): QuarterlyReviewRecord {
  return { kind: 'quarterly-review', quarter: '2026-Q4', reviewer: 'compliance-lead', statement: 'Reviewed drills, incidents and the procedure.', signedAt: '2026-12-20T10:00:00.000Z', recordedAt: '2026-12-20T10:00:00.000Z', ...overrides };
}
