import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
  type Organization,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { organizationsCollector } from '../../src/collectors/organizations';
import type { ArtifactErrorAnswer, ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { artifactsOf, oneClient, recorder, target } from '../support/collect';
import { ScriptedHandler, TEST_CREDENTIALS } from '../support/scripted-handler';

/** What AWS answered (artifacts of error answers have none). */
const responseOf = (a: ArtifactV1): JsonValue | undefined => ('response' in a ? a.response : undefined);
/** The error answer an artifact holds, if it is one. */
const errorOf = (a: ArtifactV1): ArtifactErrorAnswer | undefined => ('error' in a ? a.error : undefined);

const management = '111122223333';
const organization: Organization = {
  Id: 'o-a1b2c3d4e5',
  Arn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
  FeatureSet: 'ALL',
  MasterAccountArn: 'arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/111122223333',
  MasterAccountId: management,
  MasterAccountEmail: 'aws-root@example.edu',
  AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
};

function account(id: string, name: string, status: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE'): object {
  return {
    Id: id,
    Arn: `arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/${id}`,
    Email: `${name}@example.edu`,
    Name: name,
    Status: status,
    JoinedMethod: 'CREATED',
    JoinedTimestamp: new Date('2024-09-01T12:00:00Z'),
  };
}

describe('organizations collector', () => {
  const orgs = mockClient(OrganizationsClient);
  beforeEach(() => orgs.reset());
  // mockClient stubs every OrganizationsClient; the retry test below needs the real one.
  afterAll(() => orgs.restore());

  it('records the organization and its accounts in the management account', async () => {
    // Prepare
    orgs.on(DescribeOrganizationCommand).resolves({ Organization: organization });
    orgs.on(ListAccountsCommand).resolves({ Accounts: [account(management, 'management'), account('444455556666', 'student-portal')] });
    const rec = recorder('organizations', management);
    // Act
    await organizationsCollector.collect(target({ account: management, clients: oneClient(new OrganizationsClient({})) }, { managementAccount: management }), rec);
    // Assess
    expect(orgs).toHaveReceivedCommandWith(DescribeOrganizationCommand, {});
    expect(orgs).toHaveReceivedCommandWith(ListAccountsCommand, { MaxResults: 20 });
    expect(rec.gaps).toEqual([]);
    const arts = artifactsOf(rec);
    expect(arts.map((a) => [a.request.service, a.request.operation, a.request.input])).toEqual([
      ['organizations', 'DescribeOrganization', {}],
      ['organizations', 'ListAccounts', { MaxResults: 20 }],
    ]);
    expect(responseOf(arts[1]!)).toMatchObject({ Accounts: [{ Id: management, Status: 'ACTIVE', JoinedTimestamp: '2024-09-01T12:00:00.000Z' }, { Id: '444455556666' }] });
  });

  it('follows ListAccounts pages to the end, each page recorded with its input', async () => {
    orgs.on(DescribeOrganizationCommand).resolves({ Organization: organization });
    orgs.on(ListAccountsCommand, { MaxResults: 20 }).resolves({ Accounts: [account(management, 'management')], NextToken: 'AAQAAAA-page-2' });
    orgs.on(ListAccountsCommand, { MaxResults: 20, NextToken: 'AAQAAAA-page-2' }).resolves({ Accounts: [], NextToken: 'AAQAAAA-page-3' });
    orgs.on(ListAccountsCommand, { MaxResults: 20, NextToken: 'AAQAAAA-page-3' }).resolves({ Accounts: [account('444455556666', 'old-lab', 'SUSPENDED')] });
    const rec = recorder('organizations', management);
    await organizationsCollector.collect(target({ account: management, clients: oneClient(new OrganizationsClient({})) }), rec);
    expect(orgs).toHaveReceivedCommandTimes(ListAccountsCommand, 3);
    expect(artifactsOf(rec).filter((a) => a.request.operation === 'ListAccounts').map((a) => a.request.input)).toEqual([
      { MaxResults: 20 }, { MaxResults: 20, NextToken: 'AAQAAAA-page-2' }, { MaxResults: 20, NextToken: 'AAQAAAA-page-3' },
    ]);
  });

  it('seals "not in an organization" as evidence and lists no accounts (single-account mode)', async () => {
    orgs.on(DescribeOrganizationCommand).rejects(new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata: { httpStatusCode: 400 } }));
    const rec = recorder('organizations');
    await organizationsCollector.collect(target({ clients: oneClient(new OrganizationsClient({})) }), rec);
    expect(rec.gaps).toEqual([]);
    expect(artifactsOf(rec).map((a) => [a.request.operation, errorOf(a)])).toEqual([
      ['DescribeOrganization', { code: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' }],
    ]);
    expect(orgs).toHaveReceivedCommandTimes(ListAccountsCommand, 0);
  });

  it('records AccessDeniedException (a member account) as a gap and carries on', async () => {
    const denied = new AccessDeniedException({ message: 'You don\'t have permissions to access this resource.', $metadata: { httpStatusCode: 400 } });
    orgs.on(DescribeOrganizationCommand).resolves({ Organization: organization });
    orgs.on(ListAccountsCommand).rejects(denied);
    const rec = recorder('organizations', '444455556666');
    await organizationsCollector.collect(target({ account: '444455556666', clients: oneClient(new OrganizationsClient({})) }), rec);
    expect(artifactsOf(rec).map((a) => a.request.operation)).toEqual(['DescribeOrganization']);
    expect(rec.gaps).toEqual([
      { collector: 'organizations', account: '444455556666', region: 'us-east-1', operation: 'organizations:ListAccounts', errorCode: 'AccessDeniedException', message: denied.message },
    ]);
  });

  it('asks nothing in a member account when the management account is named', async () => {
    const rec = recorder('organizations', '444455556666');
    await organizationsCollector.collect(target({ account: '444455556666', clients: oneClient(new OrganizationsClient({})) }, { managementAccount: management }), rec);
    expect(orgs.calls()).toHaveLength(0);
    expect(rec.artifacts).toEqual([]);
  });

  it('asks nothing outside the home region: the organization is global', async () => {
    const rec = recorder('organizations', management, 'eu-west-1');
    await organizationsCollector.collect(target({ account: management, region: 'eu-west-1', isHomeRegion: false, clients: oneClient(new OrganizationsClient({})) }, { managementAccount: management }), rec);
    expect(orgs.calls()).toHaveLength(0);
  });
});

describe('organizations collector through the real SDK retry strategy', () => {
  it('records a gap when TooManyRequestsException outlasts the retries, and still lists accounts', async () => {
    const json = { 'content-type': 'application/x-amz-json-1.1' };
    const throttle = {
      statusCode: 400,
      headers: { ...json, 'x-amzn-errortype': 'TooManyRequestsException' },
      body: JSON.stringify({ __type: 'TooManyRequestsException', Message: 'AWS Organizations can\'t complete your request because another request is already in progress. Try again later.' }),
    };
    const accounts = { statusCode: 200, headers: json, body: JSON.stringify({ Accounts: [{ Id: management, Status: 'ACTIVE', JoinedTimestamp: 1725192000 }] }) };
    const handler = new ScriptedHandler([throttle, throttle, accounts]);
    const clients = new SdkClientProvider({ credentials: TEST_CREDENTIALS, requestHandler: handler, maxAttempts: 2 });
    const rec = recorder('organizations', management);
    await organizationsCollector.collect(target({ account: management, clients }), rec);
    clients.destroy();
    expect(handler.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'AWSOrganizationsV20161128.DescribeOrganization', 'AWSOrganizationsV20161128.DescribeOrganization', 'AWSOrganizationsV20161128.ListAccounts',
    ]);
    expect(rec.gaps.map((g) => [g.operation, g.errorCode])).toEqual([['organizations:DescribeOrganization', 'TooManyRequestsException']]);
    expect(artifactsOf(rec).map(responseOf)).toEqual([{ Accounts: [{ Id: management, Status: 'ACTIVE', JoinedTimestamp: '2024-09-01T12:00:00.000Z' }] }]);
  });
});
