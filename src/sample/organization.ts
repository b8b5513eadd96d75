/**
 * The bundled sample organization that `evidence demo` collects from when there is no AWS
 * account: a fictional EdTech company with the three-account layout AWS recommends for a
 * small organization (management, log archive, workload). Ids are invented, 12 digits.
 * Documented in docs/sample-organization.md; tests and docs read these constants.
 */
export type SampleAccountRole = 'management' | 'log-archive' | 'production';

export interface SampleAccount {
  readonly id: string;
  readonly name: string;
  readonly role: SampleAccountRole;
  readonly email: string;
}

export const SAMPLE_ACCOUNTS = {
  management: { id: '418295730164', name: 'brightpath-management', role: 'management', email: 'aws-management@brightpath-learning.example' },
  logArchive: { id: '592716384053', name: 'brightpath-log-archive', role: 'log-archive', email: 'aws-log-archive@brightpath-learning.example' },
  production: { id: '730461928517', name: 'brightpath-production', role: 'production', email: 'aws-production@brightpath-learning.example' },
} as const satisfies Record<string, SampleAccount>;

export const SAMPLE_REGIONS = ['us-east-1', 'us-west-2'] as const;
export type SampleRegion = (typeof SAMPLE_REGIONS)[number];

/** The read-only role every account has (the member-account template): what organization mode assumes. */
export const SAMPLE_READ_ONLY_ROLE = 'EvidenceVaultReadOnly';

/** Tag key and values that mark what a bucket holds (FERPA student records vs course material). */
export const STUDENT_DATA_TAG = {
  key: 'data-classification',
  studentData: 'student-data',
  courseContent: 'course-content',
  auditLogs: 'audit-logs',
} as const;

export interface SampleOrganization {
  readonly name: string;
  readonly organizationId: string;
  readonly accounts: readonly SampleAccount[];
  readonly regions: readonly SampleRegion[];
  readonly homeRegion: SampleRegion;
  readonly studentDataTag: typeof STUDENT_DATA_TAG;
}

export const SAMPLE_ORGANIZATION: SampleOrganization = {
  name: 'Brightpath Learning',
  organizationId: 'o-7k2m9x4q1c',
  accounts: [SAMPLE_ACCOUNTS.management, SAMPLE_ACCOUNTS.logArchive, SAMPLE_ACCOUNTS.production],
  regions: SAMPLE_REGIONS,
  homeRegion: 'us-east-1',
  studentDataTag: STUDENT_DATA_TAG,
};

/** The account with this id, or undefined: callers decide whether that is an error. */
export function findSampleAccount(id: string): SampleAccount | undefined {
  return SAMPLE_ORGANIZATION.accounts.find((a) => a.id === id);
}
