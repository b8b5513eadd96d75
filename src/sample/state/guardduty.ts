import { isoSeconds, simulatedTime } from '../clock';
import { SAMPLE_DRIFT, driftOfKind, type DriftItem } from '../drift';
import { SAMPLE_ACCOUNTS, SAMPLE_REGIONS } from '../organization';

/**
 * GuardDuty: a detector in every account × region (S3 protection on), a long-standing
 * low-severity port-probe finding in production us-east-1, and the findings drift opens.
 * Findings are emitted in GuardDuty's Finding shape (camelCase, ISO-8601 string times).
 */
const prod = SAMPLE_ACCOUNTS.production.id;

/** 32 hex characters, fixed per account and region like a real detector id. */
export function detectorId(account: string, region: string): string {
  const ids: Record<string, string> = {
    [`${SAMPLE_ACCOUNTS.management.id}|us-east-1`]: 'a2c4e6f8b1d3f5a7c9e1b3d5f7a9c2e4',
    [`${SAMPLE_ACCOUNTS.management.id}|us-west-2`]: 'b4d6f8a1c3e5b7d9f2a4c6e8b1d3f5a7',
    [`${SAMPLE_ACCOUNTS.logArchive.id}|us-east-1`]: 'c6e8b2d4f6a8c1e3b5d7f9a2c4e6b8d1',
    [`${SAMPLE_ACCOUNTS.logArchive.id}|us-west-2`]: 'd8f1a3c5e7b9d2f4a6c8e1b3d5f7a9c2',
    [`${prod}|us-east-1`]: 'e1a3c5e7b9d1f3a5c7e9b2d4f6a8c1e3',
    [`${prod}|us-west-2`]: 'f3b5d7f9a2c4e6b8d1f3a5c7e9b2d4f6',
  };
  return ids[`${account}|${region}`] ?? '';
}

export const DETECTOR_CREATED_AT = '2021-02-17T15:35:21.402Z';
export const GUARDDUTY_REGIONS = SAMPLE_REGIONS;

export type GuardDutyFinding = Record<string, unknown> & { readonly id: string; readonly severity: number };

function finding(account: string, region: string, id: string, type: string, severity: number, title: string, description: string,
  resource: object, action: object, createdAt: number, updatedAt: number, archived: boolean, count: number): GuardDutyFinding {
  const det = detectorId(account, region);
  return {
    accountId: account, arn: `arn:aws:guardduty:${region}:${account}:detector/${det}/finding/${id}`, createdAt: new Date(createdAt).toISOString(),
    description, id, partition: 'aws', region, resource, schemaVersion: '2.0',
    service: {
      action, archived, count, detectorId: det, eventFirstSeen: isoSeconds(createdAt - 412_000), eventLastSeen: isoSeconds(updatedAt - 95_000),
      resourceRole: 'TARGET', serviceName: 'guardduty', additionalInfo: { value: '{}', type: 'default' },
    },
    severity, title, type, updatedAt: new Date(updatedAt).toISOString(),
  };
}

function portProbe(startMs: number, day: number): GuardDutyFinding {
  const created = Date.parse('2025-03-14T02:41:17.508Z');
  // Probes keep arriving: the finding is updated (count, updatedAt) once a day.
  const updated = Math.max(created, simulatedTime(startMs, day, 4, 12, 9, 331));
  return finding(prod, 'us-east-1', '4a9e1c7b3d5f2a8e6c0b9d4f1a7e3c52', 'Recon:EC2/PortProbeUnprotectedPort', 2,
    'Unprotected port on EC2 instance i-0d4e7a1c9b2f53860 is being probed.',
    'EC2 instance has an unprotected port which is being probed by a known malicious host.',
    { resourceType: 'Instance', instanceDetails: { instanceId: 'i-0d4e7a1c9b2f53860', instanceType: 't3.medium', availabilityZone: 'us-east-1a', instanceState: 'running' } },
    { actionType: 'PORT_PROBE', portProbeAction: { blocked: false, portProbeDetails: [{ localPortDetails: { port: 22, portName: 'SSH' }, remoteIpDetails: { ipAddressV4: '198.51.100.23', country: { countryName: 'Netherlands' } } }] } },
    created, updated, false, 140 + day);
}

function torCaller(d: DriftItem & { readonly effect: { readonly kind: 'guardduty-finding-open' } }, startMs: number, day: number): GuardDutyFinding {
  const created = simulatedTime(startMs, d.firstDay, 2, 48, 31, 774);
  const archived = day > d.lastDay;
  // Updated as repeat calls arrive while open; archived the morning after the last day.
  const updated = archived ? simulatedTime(startMs, d.lastDay + 1, 4, 3, 12, 95) : simulatedTime(startMs, day, 1, 7, 44, 612);
  const bucketArn = `arn:aws:s3:::${d.effect.bucket}`;
  return finding(d.account, d.region, d.effect.findingId, d.effect.findingType, d.effect.severity,
    `The S3 API GetObject was invoked from a Tor exit node IP address.`,
    `The S3 API GetObject was invoked from Tor exit node IP address 192.0.2.77 against the bucket ${d.effect.bucket}.`,
    {
      resourceType: 'S3Bucket',
      accessKeyDetails: { accessKeyId: 'ASIA3EXAMPLEKEYTOR01', principalId: 'AROAQ5T8N2K6H9B3M7X4C:enrollment-batch', userName: 'brightpath-enrollment-batch', userType: 'AssumedRole' },
      s3BucketDetails: [{ arn: bucketArn, name: d.effect.bucket, type: 'Destination', createdAt: Date.parse('2021-03-02T10:09:18.000Z') / 1000, owner: { id: 'b7c1e0f2d9a84a3e' },
        defaultServerSideEncryption: { encryptionType: 'aws:kms' },
        publicAccess: { effectivePermission: 'NOT_PUBLIC' }, tags: [{ key: 'data-classification', value: 'student-data' }] }],
    },
    { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'GetObject', callerType: 'Remote IP', serviceName: 's3.amazonaws.com',
      remoteIpDetails: { ipAddressV4: '192.0.2.77', organization: { asn: '64500', asnOrg: 'Example Tor Relay', isp: 'Example Tor Relay', org: 'Example Tor Relay' }, country: { countryName: 'Germany' } } } },
    created, updated, archived, 17 + 9 * Math.min(day, d.lastDay) - 9 * d.firstDay);
}

/** Every finding the detector holds on `day` (archived ones included), oldest first. */
export function findingsOnDay(account: string, region: string, day: number, startMs: number, drift: readonly DriftItem[] = SAMPLE_DRIFT): GuardDutyFinding[] {
  const out: GuardDutyFinding[] = [];
  if (account === prod && region === 'us-east-1') out.push(portProbe(startMs, day));
  for (const d of driftOfKind('guardduty-finding-open', drift)) {
    if (d.account === account && d.region === region && day >= d.firstDay) out.push(torCaller(d, startMs, day));
  }
  return out;
}
