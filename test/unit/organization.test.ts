import { ListAccountsCommand, OrganizationsClient, type Account, type AccountState } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { SdkClientProvider } from '../../src/collectors/clients';
import { organizationAccounts } from '../../src/pipeline/organization';

const management = '111111111111';
const account = (Id: string, State: AccountState = 'ACTIVE'): Account => ({ Id, Arn: `arn:aws:organizations::${management}:account/o-abc/${Id}`, Name: `acct-${Id}`, Email: `${Id}@example.com`, State, JoinedMethod: 'CREATED' });

describe('organization mode', () => {
  const orgs = mockClient(OrganizationsClient);
  const sts = mockClient(STSClient);
  beforeEach(() => {
    orgs.reset();
    sts.reset();
  });
  afterAll(() => {
    orgs.restore();
    sts.restore();
  });

  it('lists ACTIVE accounts over every page and assumes the read-only role in each member', async () => {
    orgs.on(ListAccountsCommand, { MaxResults: 20 }).resolves({ Accounts: [account(management), account('222222222222')], NextToken: 'page-2' });
    orgs.on(ListAccountsCommand, { MaxResults: 20, NextToken: 'page-2' }).resolves({ Accounts: [account('333333333333'), account('444444444444', 'SUSPENDED')] });
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2026-07-01T07:00:00Z') },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:evidence-vault-collect', Arn: 'arn:aws:sts::222222222222:assumed-role/EvidenceVaultReadOnly/evidence-vault-collect' },
    });
    const managementClients = new SdkClientProvider();
    const built: string[] = [];
    const result = await organizationAccounts({
      management: managementClients,
      managementAccount: management,
      homeRegion: 'us-east-1',
      roleName: 'EvidenceVaultReadOnly',
      clientsFor: (id, credentials) => {
        built.push(`${id}:${(credentials as { accessKeyId: string }).accessKeyId}`);
        return new SdkClientProvider({ credentials });
      },
    });
    expect(result.map((a) => [a.account, a.unreachable === undefined])).toEqual([[management, true], ['222222222222', true], ['333333333333', true]]);
    expect(result[0]!.clients).toBe(managementClients);
    expect(built).toEqual(['222222222222:ASIAEXAMPLE', '333333333333:ASIAEXAMPLE']);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::333333333333:role/EvidenceVaultReadOnly', RoleSessionName: 'evidence-vault-collect', DurationSeconds: 3600 });
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('keeps an account whose role cannot be assumed, as unreachable with the AWS error', async () => {
    orgs.on(ListAccountsCommand).resolves({ Accounts: [account(management), account('222222222222')] });
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('User: arn:aws:sts::111111111111:assumed-role/collector/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/EvidenceVaultReadOnly'), { name: 'AccessDenied' }));
    const result = await organizationAccounts({ management: new SdkClientProvider(), managementAccount: management, homeRegion: 'us-east-1', roleName: 'EvidenceVaultReadOnly', clientsFor: () => new SdkClientProvider() });
    expect(result[1]).toMatchObject({ account: '222222222222', unreachable: { operation: 'sts:AssumeRole', error: { name: 'AccessDenied' } } });
  });

  it('fails clearly when the organization cannot be listed', async () => {
    orgs.on(ListAccountsCommand).rejects(Object.assign(new Error('You don’t have permissions to access this resource.'), { name: 'AccessDeniedException' }));
    await expect(
      organizationAccounts({ management: new SdkClientProvider(), managementAccount: management, homeRegion: 'us-east-1', roleName: 'R', clientsFor: () => new SdkClientProvider() }),
    ).rejects.toMatchObject({ code: 'AWS_UNAVAILABLE', message: expect.stringContaining('organizations:ListAccounts failed') as string });
  });
});
