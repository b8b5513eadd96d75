import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SdkClientProvider } from '../collectors/clients';
import { COLLECTORS } from '../collectors/registry';
import { EvidenceError, describeError } from '../core/errors';
import { runDay, type DailyRunResult } from './daily-run';
import type { Signer } from '../signing/signer';
import type { Vault } from '../vault/vault';

export interface CollectOptions {
  vault: Vault;
  signer: Signer;
  /** YYYY-MM-DD (UTC) */
  date: string;
  regions?: string[];
  organization?: string;
  now?: () => Date;
}

/**
 * One day from the AWS account the standard SDK configuration points at (profiles,
 * AWS_REGION, the credentials chain, AWS_ENDPOINT_URL[_<SERVICE>]), sealed into the vault.
 */
export async function collectAccount(options: CollectOptions): Promise<DailyRunResult> {
  const { vault, signer } = options;
  const clients = new SdkClientProvider();
  try {
    const sts = new STSClient({});
    let region: string | undefined;
    try {
      region = await sts.config.region();
    } catch {
      region = undefined;
    }
    const regions = options.regions ?? (region ? [region] : []);
    const homeRegion = regions[0];
    if (homeRegion === undefined) {
      throw new EvidenceError('USAGE', 'no region: set AWS_REGION (or a profile region) or pass --regions us-east-1,…');
    }
    let account: string;
    try {
      const identity = await clients.get(STSClient, homeRegion).send(new GetCallerIdentityCommand({}));
      account = identity.Account ?? '';
      if (!/^\d{12}$/.test(account)) throw new Error(`GetCallerIdentity answered account '${account}'`);
    } catch (e) {
      throw new EvidenceError('AWS_UNAVAILABLE', `cannot tell which AWS account to collect: sts:GetCallerIdentity failed: ${describeError(e)}`, { cause: e });
    } finally {
      sts.destroy();
    }
    return await runDay({
      vault, signer,
      date: options.date,
      organization: options.organization ?? account,
      mode: 'single-account',
      accounts: [{ account, clients }],
      regions,
      homeRegion,
      collectors: COLLECTORS,
      now: options.now ?? (() => new Date()),
    });
  } finally {
    clients.destroy();
  }
}
