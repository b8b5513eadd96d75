import { isoSeconds, simulatedTime } from '../clock';
import { SAMPLE_ACCOUNTS } from '../organization';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { credentialReportCsv } from '../state/credential-report';
import { SAMPLE_IAM, type SampleIam } from '../state/iam';
import { awsQuery, queryOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { formParams } from '../wire/request';
import type { SampleResponse } from '../wire/response';
import { el, text } from '../wire/xml';
import { authorizationDetails, detailLists } from './iam-details';

/**
 * AWS IAM (awsQuery, API version 2010-05-08, global: answered at iam.amazonaws.com, region
 * us-east-1): GetAccountPasswordPolicy (log-archive never set one: 404 NoSuchEntity, worded as
 * IAM words it), GetAccountSummary, GenerateCredentialReport (COMPLETE), GetCredentialReport
 * (base64 CSV) and GetAccountAuthorizationDetails (MaxItems / Marker) per the IAM API Reference.
 */
const XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const PROTOCOL = awsQuery(XMLNS, '2010-05-08');

function withIam(answer: (iam: SampleIam, call: SampleCall) => SampleResponse): Recording {
  return (call) => {
    const iam = SAMPLE_IAM[call.ctx.account.id];
    if (!iam) return PROTOCOL.error(call.seed, { status: 403, code: 'AccessDenied', message: 'The sample organization has no IAM recordings for this account' });
    return answer(iam, call);
  };
}

const collectionTime = (call: SampleCall) => simulatedTime(call.ctx.startMs, call.ctx.day, 6, 0, 0);
const entries = (pairs: readonly (readonly [string, string | number | boolean])[]) => pairs.map(([k, v]) => el('entry', text('key', k), text('value', v))).join('');

const getAccountPasswordPolicy = withIam((iam, call) => {
  if (!iam.passwordPolicy) {
    return PROTOCOL.error(call.seed, { status: 404, code: 'NoSuchEntity', message: `The Password Policy with domain name ${call.ctx.account.id} cannot be found.` });
  }
  return queryOk(XMLNS, 'GetAccountPasswordPolicy', call.seed, el('PasswordPolicy',
    text('AllowUsersToChangePassword', true), text('RequireLowercaseCharacters', true), text('RequireUppercaseCharacters', true),
    text('MinimumPasswordLength', 14), text('RequireNumbers', true), text('PasswordReusePrevention', 24), text('ExpirePasswords', false),
    text('RequireSymbols', true), text('HardExpiry', false)));
});

const getAccountSummary = withIam((iam, call) => {
  const mfaUsers = iam.users.filter((u) => u.mfa).length;
  return queryOk(XMLNS, 'GetAccountSummary', call.seed, el('SummaryMap', entries([
    ['GroupPolicySizeQuota', 5120], ['InstanceProfilesQuota', 1000], ['Policies', iam.policies.length], ['GroupsPerUserQuota', 10],
    ['InstanceProfiles', 0], ['AttachedPoliciesPerUserQuota', 10], ['Users', iam.users.length], ['PoliciesQuota', 1500], ['Providers', 1],
    ['AccountMFAEnabled', 1], ['AccessKeysPerUserQuota', 2], ['AssumeRolePolicySizeQuota', 2048], ['PolicyVersionsInUseQuota', 10000],
    ['GlobalEndpointTokenVersion', 1], ['VersionsPerPolicyQuota', 5], ['AttachedPoliciesPerGroupQuota', 10], ['PolicySizeQuota', 6144],
    ['Groups', iam.groups.length], ['AccountSigningCertificatesPresent', 0], ['UsersQuota', 5000], ['ServerCertificatesQuota', 20],
    ['MFADevices', mfaUsers + 1], ['UserPolicySizeQuota', 2048], ['PolicyVersionsInUse', iam.policies.length + iam.roles.length + iam.users.length],
    ['ServerCertificates', 0], ['Roles', iam.roles.length], ['RolesQuota', 1000], ['SigningCertificatesPerUserQuota', 2], ['MFADevicesInUse', mfaUsers + 1],
    ['RolePolicySizeQuota', 10240], ['AttachedPoliciesPerRoleQuota', 10], ['AccountAccessKeysPresent', 0], ['GroupsQuota', 300],
  ])));
});

const generateCredentialReport: Recording = (call) => queryOk(XMLNS, 'GenerateCredentialReport', call.seed, text('State', 'COMPLETE'));

const getCredentialReport = withIam((iam, call) => {
  const generated = collectionTime(call) - 41_000;
  const rootUsed = call.ctx.account.id === SAMPLE_ACCOUNTS.management.id ? '2024-03-11T09:02:44Z' : undefined;
  // The presented id: a synthetic account's report names it (base64 is not rewritten at the edge).
  const csv = credentialReportCsv(call.ctx.accountId, iam, generated, rootUsed);
  return queryOk(XMLNS, 'GetCredentialReport', call.seed,
    text('Content', Buffer.from(csv, 'utf8').toString('base64')) + text('ReportFormat', 'text/csv') + text('GeneratedTime', isoSeconds(generated)));
});

const getAccountAuthorizationDetails = withIam((iam, call) => {
  const params = formParams(call.req);
  const filter = [...params.entries()].filter(([k]) => k.startsWith('Filter.member.')).map(([, v]) => v);
  const size = pageSize(params.get('MaxItems') ?? undefined, 100, 1000);
  if (size === undefined) return PROTOCOL.error(call.seed, { status: 400, code: 'ValidationError', message: '1 validation error detected: Value at \'maxItems\' failed to satisfy constraint: Member must have value less than or equal to 1000' });
  const all = authorizationDetails(call.ctx.account.id, iam, filter, isoSeconds(collectionTime(call) - 86_400_000));
  const page = pageOf(all, size, params.get('Marker') ?? undefined, `GetAccountAuthorizationDetails|${call.ctx.account.id}|${filter.join(',')}`);
  if (!page) return PROTOCOL.error(call.seed, { status: 400, code: 'ValidationError', message: 'Invalid Marker' });
  return queryOk(XMLNS, 'GetAccountAuthorizationDetails', call.seed,
    detailLists(page.items) + text('IsTruncated', page.next !== undefined) + text('Marker', page.next));
});

export const IAM_ROUTE: ServiceRoute = {
  signingName: 'iam',
  protocol: PROTOCOL,
  recordings: {
    GetAccountPasswordPolicy: getAccountPasswordPolicy,
    GetAccountSummary: getAccountSummary,
    GenerateCredentialReport: generateCredentialReport,
    GetCredentialReport: getCredentialReport,
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  },
};
