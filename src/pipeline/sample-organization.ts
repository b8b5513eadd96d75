import { SdkClientProvider } from '../collectors/clients';
import type { AccountClients } from '../collectors/collect-day';
import type { ClientConfig } from '../collectors/types';
import { ORG_AGGREGATOR, SAMPLE_ORGANIZATION, SAMPLE_READ_ONLY_ROLE, createSampleRequestHandler } from '../sample';
import { organizationAccounts } from './organization';

/** Sample credentials: the recordings answer every request, so nothing ever reaches AWS. */
const SAMPLE_CREDENTIALS = { accessKeyId: 'AKIASAMPLEORGANIZATN', secretAccessKey: 'sample-organization-no-aws-account-used' };

export interface SampleDay {
  accounts: AccountClients[];
  managementAccount: string;
  configAggregator: string;
  destroy(): void;
}

/**
 * One simulated day of the sample organization, reached exactly as organization mode reaches a
 * real one: list the accounts from the management account, assume the read-only role in each
 * member (the temporary credentials the sample's STS hands out sign that member's requests).
 */
export async function sampleOrganizationDay(day: number, startDate: string): Promise<SampleDay> {
  const management = SAMPLE_ORGANIZATION.accounts.find((a) => a.role === 'management');
  if (!management) throw new Error('the sample organization has no management account');
  const providers: SdkClientProvider[] = [];
  const provider = (account: string, credentials: ClientConfig['credentials'] = SAMPLE_CREDENTIALS): SdkClientProvider => {
    const p = new SdkClientProvider({ credentials, requestHandler: createSampleRequestHandler({ account, day, startDate }) });
    providers.push(p);
    return p;
  };
  const accounts = await organizationAccounts({
    management: provider(management.id),
    managementAccount: management.id,
    homeRegion: SAMPLE_ORGANIZATION.homeRegion,
    roleName: SAMPLE_READ_ONLY_ROLE,
    clientsFor: (id, credentials) => provider(id, credentials),
  });
  return {
    accounts,
    managementAccount: management.id,
    configAggregator: ORG_AGGREGATOR,
    destroy: () => providers.forEach((p) => p.destroy()),
  };
}
