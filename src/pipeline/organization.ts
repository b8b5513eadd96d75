import { ListAccountsCommand, OrganizationsClient, type Account } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { EvidenceError, describeError } from '../core/errors';
import { mapPool } from '../core/pool';
import type { AccountClients } from '../collectors/collect-day';
import type { ClientProvider } from '../collectors/types';
import type { ClientConfig } from '../collectors/types';

export interface OrganizationOptions {
  /** Clients of the management (or delegated administrator) account, which lists accounts and assumes roles. */
  management: ClientProvider;
  managementAccount: string;
  homeRegion: string;
  /** The read-only role every member account has (templates/member-role), e.g. EvidenceVaultReadOnly. */
  roleName: string;
  /** Builds the clients of one member account from the credentials its role gave. */
  clientsFor: (account: string, credentials: NonNullable<ClientConfig['credentials']>) => ClientProvider;
  concurrency?: number;
  sessionName?: string;
  /** The sts:ExternalId the member roles require, if they require one. */
  externalId?: string;
}

/**
 * Organization mode: the ACTIVE accounts of the organization, each with clients that act
 * through its read-only role. An account whose role cannot be assumed (AccessDenied, a role not
 * deployed yet) is kept in scope as unreachable, so every one of its collectors shows a gap.
 */
export async function organizationAccounts(options: OrganizationOptions): Promise<AccountClients[]> {
  const accounts = await listActiveAccounts(options.management.get(OrganizationsClient, options.homeRegion));
  const sts = options.management.get(STSClient, options.homeRegion);
  return mapPool(accounts, options.concurrency ?? 8, (id) => memberAccount(options, sts, id));
}

/**
 * One account of the organization with clients acting through its read-only role (the
 * management account uses its own clients); a role that cannot be assumed makes the account
 * unreachable, which its collectors record as gaps.
 */
export async function memberAccount(
  options: Pick<OrganizationOptions, 'management' | 'managementAccount' | 'roleName' | 'clientsFor' | 'sessionName' | 'externalId'>,
  sts: STSClient,
  id: string,
): Promise<AccountClients> {
  if (id === options.managementAccount) return { account: id, clients: options.management };
  const RoleArn = `arn:aws:iam::${id}:role/${options.roleName}`;
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: options.sessionName ?? 'evidence-vault-collect', DurationSeconds: 3600, ...(options.externalId ? { ExternalId: options.externalId } : {}) }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${RoleArn} returned no credentials`);
    return { account: id, clients: options.clientsFor(id, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration }) };
  } catch (error) {
    return { account: id, clients: options.management, unreachable: { operation: 'sts:AssumeRole', error } };
  }
}

/** The ACTIVE accounts of the organization, every page of organizations:ListAccounts. */
export async function listActiveAccounts(client: OrganizationsClient): Promise<string[]> {
  const accounts: Account[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await client.send(new ListAccountsCommand({ MaxResults: 20, ...(NextToken ? { NextToken } : {}) }));
      accounts.push(...(page.Accounts ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (e) {
    throw new EvidenceError('AWS_UNAVAILABLE', `organization mode: organizations:ListAccounts failed (run it from the management or a delegated administrator account): ${describeError(e)}`, { cause: e });
  }
  // `State` replaced `Status` (retired by AWS on 2026-09-09); accept either.
  return accounts.filter((a) => (a.State ?? a.Status) === 'ACTIVE' && a.Id).map((a) => a.Id as string).sort();
}
