import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import type { HttpHandler } from '@smithy/core/protocols';
import { SdkClientProvider } from '../collectors/clients';
import type { AccountClients } from '../collectors/collect-day';
import type { ClientConfig } from '../collectors/types';
import { SAMPLE_ORGANIZATION, SAMPLE_READ_ONLY_ROLE, createSampleRequestHandler } from '../sample';
import { listActiveAccounts, memberAccount } from './organization';
import type { CollectItem } from './staged-day';

/** Sample credentials: the recordings answer every request, so nothing ever reaches AWS. */
const SAMPLE_CREDENTIALS = { accessKeyId: 'AKIASAMPLEORGANIZATN', secretAccessKey: 'sample-organization-no-aws-account-used' };

export interface SampleFanOutOptions {
  /** 0-based day of the simulated period that starts on `startDate`. */
  day: number;
  startDate: string;
  /** Wraps every request handler (e.g. withCallCounter for the cost benchmark). */
  wrap?: (handler: HttpHandler) => HttpHandler;
}

export interface SampleFanOut {
  managementAccount: string;
  /** The plan step's organizations:ListAccounts, from the sample management account. */
  listAccounts(): Promise<string[]>;
  /** The collect step's clients for one item: AssumeRole into the member's read-only role. */
  accountFor(item: CollectItem): Promise<{ account: AccountClients; release: () => void }>;
  destroy(): void;
}

/**
 * The sample organization as the deployed functions reach a real one: the plan step lists its
 * accounts from the management account, each collect step assumes the member's read-only role
 * (the sample's STS hands out credentials that sign that member's requests).
 */
export function sampleFanOut(options: SampleFanOutOptions): SampleFanOut {
  const management = SAMPLE_ORGANIZATION.accounts.find((a) => a.role === 'management');
  if (!management) throw new Error('the sample organization has no management account');
  const providers: SdkClientProvider[] = [];
  const provider = (account: string, credentials: ClientConfig['credentials'] = SAMPLE_CREDENTIALS): SdkClientProvider => {
    const handler = createSampleRequestHandler({ account, day: options.day, startDate: options.startDate });
    const p = new SdkClientProvider({ credentials, requestHandler: options.wrap ? options.wrap(handler) : handler });
    providers.push(p);
    return p;
  };
  const managementClients = provider(management.id);
  return {
    managementAccount: management.id,
    listAccounts: () => listActiveAccounts(managementClients.get(OrganizationsClient, SAMPLE_ORGANIZATION.homeRegion)),
    async accountFor(item) {
      let member: SdkClientProvider | undefined;
      const account = await memberAccount(
        { management: managementClients, managementAccount: item.managementAccount, roleName: SAMPLE_READ_ONLY_ROLE, clientsFor: (id, credentials) => (member = provider(id, credentials)) },
        managementClients.get(STSClient, SAMPLE_ORGANIZATION.homeRegion),
        item.account,
      );
      return { account, release: () => member?.destroy() };
    },
    destroy: () => providers.forEach((p) => p.destroy()),
  };
}
