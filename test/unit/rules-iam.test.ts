import { parseCredentialReport } from '../../src/evaluate/rules/iam-credential-report';
import { accessKeyAge, adminPrivileges, consoleMfa, rootMfa, rootNoAccessKeys } from '../../src/evaluate/rules/iam';
import type { DayGap } from '../../src/evaluate/types';
import { evalContext, type Answer } from '../support/eval-context';

// Shapes from the IAM API reference (GetAccountSummary, GetCredentialReport, GetAccountAuthorizationDetails)
// and the IAM user guide's credential report format (its header row, `<root_account>`, N/A, not_supported).
const ACCOUNT = '111122223333';
const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-01-15T10:00:00+00:00,not_supported,2026-07-01T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const ALICE = `alice,arn:aws:iam::${ACCOUNT}:user/alice,2024-03-01T09:00:00+00:00,true,2026-07-14T17:02:11+00:00,2026-05-01T09:00:00+00:00,N/A,true,true,2026-06-20T08:00:00+00:00,2026-07-14T16:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const BOB = `bob,arn:aws:iam::${ACCOUNT}:user/staff/bob,2023-09-12T14:30:00+00:00,true,2026-07-10T07:45:00+00:00,2025-12-01T10:00:00+00:00,N/A,false,true,2025-11-02T06:00:00+00:00,2026-07-15T01:00:00+00:00,eu-west-1,s3,true,2026-07-01T06:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A`;
const SVC = `"etl,nightly",arn:aws:iam::${ACCOUNT}:user/etl-nightly,2025-01-05T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,true,2026-04-16T06:00:00+00:00,2026-07-15T03:00:00+00:00,us-east-1,s3,false,N/A,false,N/A`;

const report = (...rows: string[]): Answer => ({
  service: 'iam', operation: 'GetCredentialReport', input: {},
  response: { Content: new Uint8Array(Buffer.from([HEADER, ...rows].join('\n') + '\n', 'utf8')), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-07-15T05:58:02.000Z') },
});

const summary = (mfa: number, keys: number): Answer => ({
  service: 'iam', operation: 'GetAccountSummary', input: {},
  response: { SummaryMap: { Users: 27, UsersQuota: 5000, Groups: 15, Roles: 92, Policies: 8, AccountMFAEnabled: mfa, AccountAccessKeysPresent: keys, AccountSigningCertificatesPresent: 0, MFADevices: 6, MFADevicesInUse: 3 } },
});

const gap = (operation: string): DayGap => ({ collector: 'iam', account: ACCOUNT, region: 'us-east-1', operation, errorCode: 'AccessDenied' });
const doc = (statement: unknown): string => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
const ADMIN = { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const READ_ONLY = { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const TRUST = doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);

const user = (UserName: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  Path: '/', UserName, UserId: `AIDA${UserName.toUpperCase()}EXAMPLE`, Arn: `arn:aws:iam::${ACCOUNT}:user/${UserName}`, CreateDate: new Date('2024-03-01T09:00:00Z'),
  GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [], Tags: [], ...over,
});
const role = (RoleName: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  Path: '/', RoleName, RoleId: `AROA${RoleName.length}EXAMPLE`, Arn: `arn:aws:iam::${ACCOUNT}:role/${RoleName}`, CreateDate: new Date('2024-03-01T09:00:00Z'),
  AssumeRolePolicyDocument: TRUST, InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {}, ...over,
});
const details = (r: { users?: unknown[]; roles?: unknown[]; groups?: unknown[]; policies?: unknown[] }, input: Record<string, unknown> = {}): Answer => ({
  service: 'iam', operation: 'GetAccountAuthorizationDetails', input: { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], MaxItems: 1000, ...input },
  response: { UserDetailList: r.users ?? [], GroupDetailList: r.groups ?? [], RoleDetailList: r.roles ?? [], Policies: r.policies ?? [], IsTruncated: false },
});
const ADMINS_GROUP = { Path: '/', GroupName: 'Admins', GroupId: 'AGPAEXAMPLE', Arn: `arn:aws:iam::${ACCOUNT}:group/Admins`, CreateDate: new Date('2024-01-01T00:00:00Z'), GroupPolicyList: [], AttachedManagedPolicies: [ADMIN] };
const localPolicy = (PolicyName: string, statement: unknown): Record<string, unknown> => ({
  PolicyName, PolicyId: 'ANPAEXAMPLE', Arn: `arn:aws:iam::${ACCOUNT}:policy/${PolicyName}`, Path: '/', DefaultVersionId: 'v2', AttachmentCount: 1, PermissionsBoundaryUsageCount: 0, IsAttachable: true,
  CreateDate: new Date('2024-01-01T00:00:00Z'), UpdateDate: new Date('2024-06-01T00:00:00Z'),
  PolicyVersionList: [{ Document: doc(statement), VersionId: 'v2', IsDefaultVersion: true, CreateDate: new Date('2024-06-01T00:00:00Z') }, { Document: doc([]), VersionId: 'v1', IsDefaultVersion: false }],
});

describe('iam root user', () => {
  it('root with MFA and without access keys passes both root checks', () => {
    const ctx = evalContext([summary(1, 0)]);
    expect(rootMfa.evaluate(ctx, {}).resources[0]).toMatchObject({ resource: `arn:aws:iam::${ACCOUNT}:root`, region: 'global', verdict: 'pass', reason: 'SummaryMap AccountMFAEnabled is 1: the root user signs in with MFA' });
    expect(rootNoAccessKeys.evaluate(ctx, {}).verdict).toBe('pass');
  });

  it('root without MFA, or with an access key, fails', () => {
    const ctx = evalContext([summary(0, 1)]);
    expect(rootMfa.evaluate(ctx, {}).resources[0]).toMatchObject({ verdict: 'fail', reason: 'SummaryMap AccountMFAEnabled is 0: the root user has no MFA device' });
    expect(rootNoAccessKeys.evaluate(ctx, {}).resources[0]).toMatchObject({ verdict: 'fail', reason: 'SummaryMap AccountAccessKeysPresent is 1: the root user has an access key' });
  });

  it('an account summary that was not collected is not evidenced', () => {
    const result = rootMfa.evaluate(evalContext([], [gap('iam:GetAccountSummary')], { accounts: [ACCOUNT], regions: ['us-east-1'] }), {});
    expect(result.resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'iam:GetAccountSummary was not answered (AccessDenied) in 111122223333 us-east-1' });
  });
});

describe('every IAM rule', () => {
  const OTHER = '444455556666';
  const cases = [
    { rule: rootMfa, params: {}, op: 'iam:GetAccountSummary' },
    { rule: rootNoAccessKeys, params: {}, op: 'iam:GetAccountSummary' },
    { rule: consoleMfa, params: {}, op: 'iam:GetCredentialReport' },
    { rule: accessKeyAge, params: { maxAgeDays: 90 }, op: 'iam:GetCredentialReport' },
    { rule: adminPrivileges, params: { allowedAdminRoles: ['BreakGlass'] }, op: 'iam:GetAccountAuthorizationDetails' },
  ] as const;
  const answers = [
    summary(1, 0), { ...summary(0, 1), account: OTHER }, report(ROOT, ALICE, BOB, SVC), { ...report(BOB, SVC), account: OTHER },
    details({ users: [user('alice', { GroupList: ['Admins'] })], groups: [ADMINS_GROUP], roles: [role('BreakGlass', { AttachedManagedPolicies: [ADMIN] })] }),
    { ...details({ roles: [role('ci', { AttachedManagedPolicies: [ADMIN] })] }), account: OTHER },
  ];

  it.each(cases)('$rule.id gives byte-identical results whatever the order of the answers', ({ rule, params }) => {
    const evaluate = (xs: Answer[]): string => JSON.stringify(rule.evaluate(evalContext(xs), params as never));
    const json = evaluate(answers);
    expect(evaluate([...answers].reverse())).toBe(json);
    expect(evaluate([...answers.slice(3), ...answers.slice(0, 3)])).toBe(json);
  });

  it.each(cases)('$rule.id is not evidenced when $op was not answered', ({ rule, params, op }) => {
    const result = rule.evaluate(evalContext([], [gap(op)], { accounts: [ACCOUNT], regions: ['us-east-1'] }), params as never);
    expect(result.verdict).toBe('not-evidenced');
    expect(result.resources[0]).toMatchObject({ region: 'global', reason: `${op} was not answered (AccessDenied) in 111122223333 us-east-1`, evidence: [] });
  });
});

describe('iam.console-mfa', () => {
  it('console users with MFA pass, a console user without MFA fails; root and key-only users are out of scope', () => {
    const result = consoleMfa.evaluate(evalContext([report(ROOT, ALICE, BOB, SVC)]), {});
    expect(result.verdict).toBe('fail');
    expect(result.resources.map((r) => [r.resource, r.verdict])).toEqual([[`arn:aws:iam::${ACCOUNT}:user/alice`, 'pass'], [`arn:aws:iam::${ACCOUNT}:user/staff/bob`, 'fail']]);
    expect(result.resources[1]?.reason).toBe('user bob has password_enabled true and mfa_active false');
  });

  it('a credential report that was not collected is not evidenced; a malformed one says why', () => {
    expect(consoleMfa.evaluate(evalContext([], [gap('iam:GetCredentialReport')], { accounts: [ACCOUNT], regions: ['us-east-1'] }), {}).verdict).toBe('not-evidenced');
    const broken: Answer = { ...report(), response: { Content: Buffer.from('user,arn\nalice\n').toString('base64'), ReportFormat: 'text/csv' } };
    expect(consoleMfa.evaluate(evalContext([broken]), {}).resources[0]?.reason).toContain('the credential report cannot be read: the header row lacks password_enabled');
  });

  it('reads quoted CSV fields (IAM user names may contain commas)', () => {
    const rows = parseCredentialReport(Buffer.from(`${HEADER}\r\n${SVC}\r\n`).toString('base64'));
    expect(Array.isArray(rows) && rows[0]?.user).toBe('etl,nightly');
    expect(parseCredentialReport('not base64!')).toBe('Content is not base64');
  });
});

describe('iam.access-key-age', () => {
  it('keys rotated within the limit pass; an older key fails with its age in days', () => {
    const result = accessKeyAge.evaluate(evalContext([report(ROOT, ALICE, BOB, SVC)]), { maxAgeDays: 90 });
    expect(result.verdict).toBe('fail');
    expect(result.resources.map((r) => [r.resource, r.verdict])).toEqual([
      [`arn:aws:iam::${ACCOUNT}:user/alice#access_key_1`, 'pass'],
      [`arn:aws:iam::${ACCOUNT}:user/etl-nightly#access_key_2`, 'pass'],
      [`arn:aws:iam::${ACCOUNT}:user/staff/bob#access_key_1`, 'fail'],
      [`arn:aws:iam::${ACCOUNT}:user/staff/bob#access_key_2`, 'pass'],
    ]);
    expect(result.resources[2]?.reason).toBe('access_key_1 of bob was last rotated 2025-11-02T06:00:00+00:00, 255 days before 2026-07-15T06:00:00.000Z: older than 90 days');
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [report(ROOT, ALICE, BOB), { ...report(SVC, BOB), account: '444455556666' }, summary(1, 0)];
    const json = JSON.stringify(accessKeyAge.evaluate(evalContext(answers), { maxAgeDays: 90 }));
    expect(JSON.stringify(accessKeyAge.evaluate(evalContext([...answers].reverse()), { maxAgeDays: 90 }))).toBe(json);
  });
});

describe('iam.admin-privileges', () => {
  const ALLOWED = { allowedAdminRoles: ['AWSReservedSSO_AdministratorAccess_*', 'BreakGlass'] };

  it('a user who is an administrator through a group fails', () => {
    const result = adminPrivileges.evaluate(evalContext([details({ users: [user('alice', { GroupList: ['Admins'] })], groups: [ADMINS_GROUP] })]), ALLOWED);
    expect(result.verdict).toBe('fail');
    expect(result.resources[0]).toMatchObject({ resource: `arn:aws:iam::${ACCOUNT}:user/alice`, verdict: 'fail' });
    expect(result.resources[0]?.reason).toBe('user alice has administrative access (via group "Admins": AdministratorAccess attached); admin work goes through an allowed role');
  });

  it('an allowed SSO administrator role passes; a workload role allowing "*" on "*" fails', () => {
    const sso = role('AWSReservedSSO_AdministratorAccess_0123456789abcdef', { AttachedManagedPolicies: [ADMIN] });
    const etl = role('etl-runner', { RolePolicyList: [{ PolicyName: 'everything', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] });
    const result = adminPrivileges.evaluate(evalContext([details({ roles: [sso, etl] })]), ALLOWED);
    expect(result.resources.map((r) => [r.resource.split('/').pop(), r.verdict])).toEqual([['AWSReservedSSO_AdministratorAccess_0123456789abcdef', 'pass'], ['etl-runner', 'fail']]);
    expect(result.resources[1]?.reason).toContain('inline policy "everything" allows Action "*" on Resource "*"');
  });

  it('a customer managed policy granting "*:*" makes its user an administrator', () => {
    const wide = localPolicy('LegacyOps', [{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }]);
    const bob = user('bob', { AttachedManagedPolicies: [{ PolicyName: 'LegacyOps', PolicyArn: wide.Arn }] });
    expect(adminPrivileges.evaluate(evalContext([details({ users: [bob], policies: [wide] })]), ALLOWED).verdict).toBe('fail');
  });

  it('an account where nobody holds administrative access passes', () => {
    const scoped = localPolicy('Uploads', [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/*' }, { Effect: 'Deny', Action: '*', Resource: '*' }]);
    const answers = [details({ users: [user('carol', { AttachedManagedPolicies: [READ_ONLY, { PolicyName: 'Uploads', PolicyArn: scoped.Arn }] })], roles: [role('reader')], policies: [scoped] })];
    const result = adminPrivileges.evaluate(evalContext(answers), ALLOWED);
    expect(result.resources).toEqual([expect.objectContaining({ resource: ACCOUNT, verdict: 'pass', reason: 'no IAM user, and no role outside allowedAdminRoles, has administrative access (1 users, 1 roles read)' })]);
  });

  it('an unreadable policy document leaves its principal not evidenced; a missing page leaves the account not evidenced', () => {
    const odd = user('dave', { UserPolicyList: [{ PolicyName: 'broken', PolicyDocument: '%7B%22Version' }] });
    expect(adminPrivileges.evaluate(evalContext([details({ users: [odd] })]), ALLOWED).resources[0]).toMatchObject({ verdict: 'not-evidenced', reason: 'user dave: inline policy "broken" document is unreadable' });
    const paged = adminPrivileges.evaluate(evalContext([details({ users: [user('erin')] })], [gap('iam:GetAccountAuthorizationDetails')]), ALLOWED);
    expect(paged.resources).toEqual([expect.objectContaining({ resource: ACCOUNT, verdict: 'not-evidenced' })]);
  });

  it('gives byte-identical results whatever the order of the answers', () => {
    const answers = [
      details({ users: [user('alice', { GroupList: ['Admins'] }), user('bob', { AttachedManagedPolicies: [ADMIN] })], groups: [ADMINS_GROUP] }),
      details({ roles: [role('BreakGlass', { AttachedManagedPolicies: [ADMIN] }), role('ci', { AttachedManagedPolicies: [ADMIN] })] }, { Marker: 'page-2' }),
    ];
    const json = JSON.stringify(adminPrivileges.evaluate(evalContext(answers), ALLOWED));
    expect(JSON.stringify(adminPrivileges.evaluate(evalContext([...answers].reverse()), ALLOWED))).toBe(json);
  });
});
