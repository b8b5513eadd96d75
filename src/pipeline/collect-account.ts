import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SdkClientProvider } from '../collectors/clients';
import { COLLECTORS } from '../collectors/registry';
import { EvidenceError, describeError } from '../core/errors';
import { runDay, type DailyRunOptions, type DailyRunResult } from './daily-run';
import { organizationAccounts } from './organization';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';

export interface CollectOptions {
  vault: Vault;
  signer: Signer;
  /** YYYY-MM-DD (UTC) */
  date: string;
  regions?: string[];
  organization?: string;
  /** Organization mode: the read-only role to assume in every member account. */
  organizationRole?: string;
  /** An AWS Config aggregator in this (management) account for the resource inventory. */
  configAggregator?: string;
  concurrency?: number;
  /** The control catalog and rules to evaluate the day with (docs/controls.md). */
  evaluation?: DailyRunOptions['evaluation'];
  now?: () => Date;
}

/**
 * One day from the AWS account the standard SDK configuration points at (profiles,
 * AWS_REGION, the credentials chain, AWS_ENDPOINT_URL[_<SERVICE>]) — or, with an organization
 * role, from every account of its organization — sealed into the vault as one manifest.
 */
export async function collectAccount(options: CollectOptions): Promise<DailyRunResult> {
  const { vault, signer } = options;
  const clients = new SdkClientProvider();
  const members: SdkClientProvider[] = [];
  try {
    const regions = options.regions ?? (await configuredRegion());
    const homeRegion = regions[0];
    if (homeRegion === undefined) {
      throw new EvidenceError('USAGE', 'no region: set AWS_REGION (or a profile region) or pass --regions us-east-1,…');
    }
    const account = await callerAccount(clients, homeRegion);
    const accounts = options.organizationRole
      ? await organizationAccounts({
          management: clients,
          managementAccount: account,
          homeRegion,
          roleName: options.organizationRole,
          concurrency: options.concurrency,
          clientsFor: (_id, credentials) => {
            const member = new SdkClientProvider({ credentials });
            members.push(member);
            return member;
          },
        })
      : [{ account, clients }];
    return await runDay({
      vault, signer,
      date: options.date,
      organization: options.organization ?? account,
      mode: options.organizationRole ? 'organization' : 'single-account',
      accounts,
      regions,
      homeRegion,
      collectors: COLLECTORS,
      settings: { managementAccount: account, configAggregator: options.configAggregator },
      concurrency: options.concurrency,
      evaluation: options.evaluation,
      now: options.now ?? (() => new Date()),
    });
  } finally {
    clients.destroy();
    for (const m of members) m.destroy();
  }
}

async function configuredRegion(): Promise<string[]> {
  const sts = new STSClient({});
  try {
    const region = await sts.config.region();
    return region ? [region] : [];
  } catch {
    return [];
  } finally {
    sts.destroy();
  }
}

async function callerAccount(clients: SdkClientProvider, region: string): Promise<string> {
  try {
    const identity = await clients.get(STSClient, region).send(new GetCallerIdentityCommand({}));
    const account = identity.Account ?? '';
    if (!/^\d{12}$/.test(account)) throw new Error(`GetCallerIdentity answered account '${account}'`);
    return account;
  } catch (e) {
    throw new EvidenceError('AWS_UNAVAILABLE', `cannot tell which AWS account to collect: sts:GetCallerIdentity failed: ${describeError(e)}`, { cause: e });
  }
}
