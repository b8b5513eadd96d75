import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  IAMServiceException,
  type GetAccountAuthorizationDetailsCommandInput,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { createIamCollector, iamCollector } from '../../src/collectors/iam';
import type { ArtifactErrorAnswer, ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS } from '../support/scripted-handler';

/** What AWS answered (artifacts of error answers have none). */
const responseOf = (a: ArtifactV1): JsonValue | undefined => ('response' in a ? a.response : undefined);
/** The error answer an artifact holds, if it is one. */
const errorOf = (a: ArtifactV1): ArtifactErrorAnswer | undefined => ('error' in a ? a.error : undefined);

/**
 * IAM errors as the SDK raises them from IAM's XML `<ErrorResponse>`: `name` is the modeled
 * exception (NoSuchEntityException), `Code` the code on the wire (NoSuchEntity), which is the
 * one evidence records.
 */
function iamError(name: string, code: string, message: string, status: number): IAMServiceException {
  return Object.assign(new IAMServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: status } }), { Code: code, Type: 'Sender' });
}

/** The credential report's documented header row (IAM User Guide, "Credential report format"). */
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const CSV = [
  HEADER,
  '<root_account>,arn:aws:iam::111122223333:root,2019-03-01T10:00:00+00:00,not_supported,2026-05-30T08:12:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'registrar-sync,arn:aws:iam::111122223333:user/registrar-sync,2023-08-14T09:30:00+00:00,false,N/A,N/A,N/A,false,true,2023-08-14T09:31:00+00:00,2026-06-30T23:59:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');
const report = { Content: new Uint8Array(Buffer.from(CSV)), ReportFormat: 'text/csv' as const, GeneratedTime: new Date('2026-07-01T05:58:00Z') };

const passwordPolicy = {
  PasswordPolicy: {
    MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: false,
  },
};
const summary = { SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 12, Roles: 40, Policies: 8, MFADevicesInUse: 11 } };
const details: GetAccountAuthorizationDetailsCommandInput = { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], MaxItems: 1000 };
const adminUser = {
  Path: '/', UserName: 'it-admin', UserId: 'AIDAEXAMPLEUSERID0001', Arn: 'arn:aws:iam::111122223333:user/it-admin', CreateDate: new Date('2022-01-10T08:00:00Z'),
  AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], GroupList: [], UserPolicyList: [], Tags: [],
};

describe('iam collector', () => {
  const iam = mockClient(IAMClient);
  const sleeps: number[] = [];
  const collector = createIamCollector({ sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); } });
  beforeEach(() => {
    iam.reset();
    sleeps.length = 0;
    iam.on(GetAccountPasswordPolicyCommand).resolves(passwordPolicy);
    iam.on(GetAccountSummaryCommand).resolves(summary);
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves(report);
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [adminUser], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false });
  });
  // mockClient stubs every IAMClient; the retry tests below need the real one.
  afterAll(() => iam.restore());

  it('records password policy, account summary, credential report and authorization details once', async () => {
    // Prepare
    const rec = recorder('iam');
    // Act
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    // Assess
    expect(iam).toHaveReceivedCommandWith(GetAccountPasswordPolicyCommand, {});
    expect(iam).toHaveReceivedCommandWith(GetAccountSummaryCommand, {});
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 1);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 1);
    expect(iam).toHaveReceivedCommandWith(GetAccountAuthorizationDetailsCommand, details);
    expect(rec.gaps).toEqual([]);
    expect(sleeps).toEqual([]);
    const arts = artifactsOf(rec);
    expect(arts.map((a) => [a.request.service, a.request.operation, a.request.input])).toEqual([
      ['iam', 'GetAccountPasswordPolicy', {}],
      ['iam', 'GetAccountSummary', {}],
      ['iam', 'GenerateCredentialReport', {}],
      ['iam', 'GetCredentialReport', {}],
      ['iam', 'GetAccountAuthorizationDetails', details],
    ]);
    expect(responseOf(arts[1]!)).toEqual(summary);
    // The report's bytes are sealed as AWS sent them: base64 of the CSV.
    const sealed = responseOf(arts[3]!) as { Content: string; ReportFormat: string; GeneratedTime: string };
    expect(Buffer.from(sealed.Content, 'base64').toString('utf8')).toBe(CSV);
    expect(sealed).toMatchObject({ ReportFormat: 'text/csv', GeneratedTime: '2026-07-01T05:58:00.000Z' });
  });

  it('seals "no password policy" (NoSuchEntity) as evidence, not a gap', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(iamError('NoSuchEntityException', 'NoSuchEntity', 'The Password Policy with domain name 111122223333 cannot be found.', 404));
    const rec = recorder('iam');
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec)[0]).toMatchObject({ request: { operation: 'GetAccountPasswordPolicy' }, error: { code: 'NoSuchEntity' } });
  });

  it('generates again and retries while the report is not ready, sealing only the final report', async () => {
    iam.on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED', Description: 'No report exists. Starting a new report generation task' })
      .resolves({ State: 'INPROGRESS' });
    iam.on(GetCredentialReportCommand)
      .rejectsOnce(iamError('CredentialReportNotPresentException', 'ReportNotPresent', 'Unable to find a credential report for the account.', 410))
      .rejectsOnce(iamError('CredentialReportNotReadyException', 'ReportInProgress', 'Report generation in progress.', 404))
      .resolves(report);
    const rec = recorder('iam');
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 3);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 3);
    expect(sleeps).toEqual([2000, 4000]);
    expect(rec.gaps).toEqual([]);
    const ops = artifactsOf(rec).map((a) => a.request.operation);
    expect(ops).toEqual(['GetAccountPasswordPolicy', 'GetAccountSummary', 'GenerateCredentialReport', 'GenerateCredentialReport', 'GenerateCredentialReport', 'GetCredentialReport', 'GetAccountAuthorizationDetails']);
    expect(errorOf(artifactsOf(rec)[5]!)).toBeUndefined();
  });

  it('gives up after five attempts: the report still in progress is a gap', async () => {
    iam.on(GetCredentialReportCommand).rejects(iamError('CredentialReportNotReadyException', 'ReportInProgress', 'Report generation in progress.', 404));
    const rec = recorder('iam');
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    expect(iam).toHaveReceivedCommandTimes(GetCredentialReportCommand, 5);
    expect(sleeps).toEqual([2000, 4000, 6000, 8000]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['iam:GetCredentialReport', 'ReportInProgress']]);
  });

  it('follows GetAccountAuthorizationDetails while IsTruncated, each page recorded with its Marker', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand, details).resolves({ UserDetailList: [adminUser], IsTruncated: true, Marker: 'AAFjZGV0YWlscy1wYWdlLTI=' });
    iam.on(GetAccountAuthorizationDetailsCommand, { ...details, Marker: 'AAFjZGV0YWlscy1wYWdlLTI=' }).resolves({ RoleDetailList: [], IsTruncated: true, Marker: 'AAFjZGV0YWlscy1wYWdlLTM=' });
    iam.on(GetAccountAuthorizationDetailsCommand, { ...details, Marker: 'AAFjZGV0YWlscy1wYWdlLTM=' }).resolves({ Policies: [], IsTruncated: false });
    const rec = recorder('iam');
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    expect(iam).toHaveReceivedCommandTimes(GetAccountAuthorizationDetailsCommand, 3);
    expect(artifactsOf(rec).filter((a) => a.request.operation === 'GetAccountAuthorizationDetails').map((a) => a.request.input)).toEqual([
      details, { ...details, Marker: 'AAFjZGV0YWlscy1wYWdlLTI=' }, { ...details, Marker: 'AAFjZGV0YWlscy1wYWdlLTM=' },
    ]);
  });

  it('records AccessDenied as a gap and carries on with the other questions', async () => {
    const message = 'User: arn:aws:sts::111122223333:assumed-role/EvidenceReader/run is not authorized to perform: iam:GetAccountSummary on resource: *';
    iam.on(GetAccountSummaryCommand).rejects(iamError('AccessDenied', 'AccessDenied', message, 403));
    const rec = recorder('iam');
    await collector.collect(target({ clients: oneClient(new IAMClient({})) }), rec);
    expect(rec.gaps).toEqual([{ collector: 'iam', account: '111122223333', region: 'us-east-1', operation: 'iam:GetAccountSummary', errorCode: 'AccessDenied', message }]);
    expect(artifactsOf(rec)).toHaveLength(4);
  });

  it('asks nothing outside the home region: IAM is account-wide', async () => {
    const rec = recorder('iam', '111122223333', 'eu-west-1');
    await iamCollector.collect(target({ region: 'eu-west-1', isHomeRegion: false, clients: oneClient(new IAMClient({})) }), rec);
    expect(iam.calls()).toHaveLength(0);
  });
});

describe('iam collector through the real SDK retry strategy', () => {
  const xml = { 'content-type': 'text/xml' };
  const throttling = {
    statusCode: 400,
    headers: xml,
    body: '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>9f7c1f0e-EXAMPLE</RequestId></ErrorResponse>',
  };

  it('records a gap when Throttling outlasts the retries, and carries on', async () => {
    // After the two throttled attempts, every later question gets an answer with no members.
    const empty = { statusCode: 200, headers: xml, body: '<ResponseMetadata><RequestId>r9</RequestId></ResponseMetadata>' };
    const handler = new ScriptedHandler([throttling, throttling, empty]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('iam');
    await createIamCollector({ sleep: () => Promise.resolve() }).collect(target({ clients }), rec);
    clients.destroy();
    expect(handler.requests.map((r) => r.body as string)).toEqual([
      'Action=GetAccountPasswordPolicy&Version=2010-05-08',
      'Action=GetAccountPasswordPolicy&Version=2010-05-08',
      'Action=GetAccountSummary&Version=2010-05-08',
      'Action=GenerateCredentialReport&Version=2010-05-08',
      'Action=GetCredentialReport&Version=2010-05-08',
      'Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=User&Filter.member.2=Role&Filter.member.3=Group&Filter.member.4=LocalManagedPolicy&MaxItems=1000',
    ]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['iam:GetAccountPasswordPolicy', 'Throttling']]);
    expect(rec.artifacts).toHaveLength(4);
  });

  it('reads the NoSuchEntity code off the wire and retries Throttling to an answer', async () => {
    const handler = new ScriptedHandler([
      { statusCode: 404, headers: xml, body: '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The Password Policy with domain name 111122223333 cannot be found.</Message></Error><RequestId>r1</RequestId></ErrorResponse>' },
      throttling,
      { statusCode: 200, headers: xml, body: '<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountSummaryResult><SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry><entry><key>AccountAccessKeysPresent</key><value>0</value></entry></SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></GetAccountSummaryResponse>' },
    ]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('iam');
    // Only the first two questions matter here; the script's last answer repeats for the rest.
    await createIamCollector({ sleep: () => Promise.resolve(), reportAttempts: 1 }).collect(target({ clients }), rec);
    clients.destroy();
    const arts = artifactsOf(rec);
    expect(arts[0]).toMatchObject({ request: { operation: 'GetAccountPasswordPolicy' }, error: { code: 'NoSuchEntity' } });
    expect(arts[1]).toMatchObject({ request: { operation: 'GetAccountSummary' }, response: { SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } } });
  });
});
