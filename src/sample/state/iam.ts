import { SAMPLE_ACCOUNTS, SAMPLE_READ_ONLY_ROLE } from '../organization';

/**
 * IAM of each account: the read-only evidence role and a break-glass administrator role
 * everywhere (both trusting the management account), OrganizationAccountAccessRole in the
 * member accounts, and a few users in production: one console user without MFA and a
 * batch user whose access key is older than 90 days. The management account signs in through
 * IAM Identity Center and keeps a single CI user. Times are ISO-8601 strings as IAM returns them.
 */
const mgmt = SAMPLE_ACCOUNTS.management.id;
const logs = SAMPLE_ACCOUNTS.logArchive.id;
const prod = SAMPLE_ACCOUNTS.production.id;

export interface SampleAccessKey {
  readonly active: boolean;
  readonly lastRotated: string;
  readonly lastUsed?: { readonly date: string; readonly region: string; readonly service: string };
}

export interface SampleUser {
  readonly name: string;
  readonly id: string;
  readonly created: string;
  readonly password?: { readonly lastUsed?: string; readonly lastChanged: string };
  readonly mfa: boolean;
  readonly keys: readonly SampleAccessKey[];
  readonly groups: readonly string[];
  readonly managedPolicies: readonly string[];
}

export interface SampleRole {
  readonly name: string;
  readonly id: string;
  readonly created: string;
  readonly trust: object;
  readonly managedPolicies: readonly string[];
  readonly description: string;
  readonly maxSessionDuration: number;
}

export interface SampleGroup { readonly name: string; readonly id: string; readonly created: string; readonly managedPolicies: readonly string[] }

export interface SampleLocalPolicy { readonly name: string; readonly id: string; readonly created: string; readonly document: object; readonly attachments: number }

export interface SampleIam {
  readonly users: readonly SampleUser[];
  readonly roles: readonly SampleRole[];
  readonly groups: readonly SampleGroup[];
  readonly policies: readonly SampleLocalPolicy[];
  readonly passwordPolicy: boolean;
  readonly rootCreated: string;
}

export const AWS_POLICY = (name: string) => `arn:aws:iam::aws:policy/${name}`;

const trustManagement = (mfa: boolean) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${mgmt}:root` }, Action: 'sts:AssumeRole', ...(mfa ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {}) }],
});

function baseRoles(ids: readonly [string, string, string], member: boolean): SampleRole[] {
  const roles: SampleRole[] = [
    { name: 'brightpath-break-glass-admin', id: ids[0], created: '2021-02-17T16:02:41Z', trust: trustManagement(true), managedPolicies: [AWS_POLICY('AdministratorAccess')],
      description: 'Emergency administrator access; use is alarmed and reviewed', maxSessionDuration: 3600 },
    { name: SAMPLE_READ_ONLY_ROLE, id: ids[1], created: '2025-06-20T09:14:05Z', trust: trustManagement(false),
      managedPolicies: [AWS_POLICY('SecurityAudit'), AWS_POLICY('job-function/ViewOnlyAccess')], description: 'Evidence Vault daily collection (read-only)', maxSessionDuration: 3600 },
  ];
  if (member) {
    roles.push({ name: 'OrganizationAccountAccessRole', id: ids[2], created: '2021-02-17T14:00:31Z', trust: trustManagement(false),
      managedPolicies: [AWS_POLICY('AdministratorAccess')], description: '', maxSessionDuration: 3600 });
  }
  return roles.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export const SAMPLE_IAM: Readonly<Record<string, SampleIam>> = {
  [mgmt]: {
    rootCreated: '2020-11-09T18:41:27Z', passwordPolicy: true, groups: [], policies: [],
    roles: baseRoles(['AROAWM4QX7B2KD9F3HJ1P', 'AROAWBX3H7KQ2M5N8P4RT', ''], false),
    users: [{ name: 'ci-terraform', id: 'AIDAWK2F7Q9M3X5B1D8HN', created: '2023-01-09T10:22:18Z', mfa: false, groups: [], managedPolicies: [AWS_POLICY('AdministratorAccess')],
      keys: [{ active: true, lastRotated: '2025-06-02T08:41:55Z', lastUsed: { date: '2025-06-30T17:03:00Z', region: 'us-east-1', service: 's3' } }] }],
  },
  [logs]: {
    rootCreated: '2021-02-17T13:58:40Z', passwordPolicy: false, groups: [], policies: [], users: [],
    roles: baseRoles(['AROAV2N8D4F6H1K3M5P7R', 'AROAV6J2D9F4L7Q3S8W1Y', 'AROAV9C1E3G5J7L2N4Q6S'], true),
  },
  [prod]: {
    rootCreated: '2021-02-17T14:00:12Z', passwordPolicy: true,
    roles: baseRoles(['AROAQ1B3D5F7H9K2M4P6R', 'AROAQ5T8N2K6H9B3M7X4C', 'AROAQ8E2G4J6L1N3Q5S7U'], true),
    groups: [{ name: 'sis-developers', id: 'AGPAQ4C6E8G1J3L5N7Q9S', created: '2021-05-04T12:30:09Z', managedPolicies: [AWS_POLICY('ReadOnlyAccess')] }],
    policies: [{ name: 'brightpath-student-records-read', id: 'ANPAQ3D5F7H9K1M3P5R7T', created: '2021-05-04T12:41:50Z', attachments: 1,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::brightpath-prod-student-records', 'arn:aws:s3:::brightpath-prod-student-records/*'] }] } }],
    users: [
      { name: 'priya.raman', id: 'AIDAQ7F1H3K5M7P9R2T4V', created: '2021-05-04T12:35:40Z', mfa: true, groups: ['sis-developers'], managedPolicies: [],
        password: { lastUsed: '2025-06-27T14:12:09Z', lastChanged: '2025-04-02T08:55:31Z' }, keys: [] },
      { name: 'legacy-sis-export', id: 'AIDAQ2G4J6L8N1Q3S5U7W', created: '2019-09-23T16:47:12Z', mfa: false, groups: ['sis-developers'], managedPolicies: [],
        password: { lastUsed: '2025-06-18T21:40:51Z', lastChanged: '2023-11-14T10:02:37Z' }, keys: [] },
      { name: 'brightpath-enrollment-batch', id: 'AIDAQ9H2K4M6P8R1T3V5X', created: '2022-01-20T11:31:02Z', mfa: false, groups: [], managedPolicies: [],
        keys: [{ active: true, lastRotated: '2024-08-19T07:15:44Z', lastUsed: { date: '2025-06-30T23:58:00Z', region: 'us-east-1', service: 's3' } }] },
    ],
  },
};
