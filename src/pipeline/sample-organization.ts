import { SdkClientProvider } from '../collectors/clients';
import type { AccountClients } from '../collectors/collect-day';
import type { ClientConfig } from '../collectors/types';
import { ORG_AGGREGATOR, SAMPLE_ORGANIZATION, SAMPLE_READ_ONLY_ROLE, createSampleRequestHandler } from '../sample';
import { COLLECTORS } from '../collectors/registry';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';
import { runDay, type DailyRunOptions, type DailyRunResult } from './daily-run';
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

export interface SampleDayRun {
  vault: Vault;
  signer: Signer;
  /** 0-based day of the simulated period that starts on `startDate` (YYYY-MM-DD). */
  day: number;
  startDate: string;
  evaluation?: DailyRunOptions['evaluation'];
}

/**
 * One simulated day of the sample organization through the whole daily job: reached as
 * organization mode reaches a real one, collected at 06:00 UTC, evaluated and sealed.
 */
export async function runSampleDay(run: SampleDayRun): Promise<DailyRunResult> {
  const date = new Date(Date.parse(`${run.startDate}T00:00:00Z`) + run.day * 86_400_000).toISOString().slice(0, 10);
  const sample = await sampleOrganizationDay(run.day, run.startDate);
  try {
    return await runDay({
      vault: run.vault,
      signer: run.signer,
      date,
      now: () => new Date(`${date}T06:00:00.000Z`),
      organization: SAMPLE_ORGANIZATION.name,
      mode: 'sample',
      accounts: sample.accounts,
      regions: SAMPLE_ORGANIZATION.regions,
      homeRegion: SAMPLE_ORGANIZATION.homeRegion,
      collectors: COLLECTORS,
      settings: { managementAccount: sample.managementAccount, configAggregator: sample.configAggregator },
      evaluation: run.evaluation,
    });
  } finally {
    sample.destroy();
  }
}
