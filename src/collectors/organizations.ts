import { DescribeOrganizationCommand, ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { errorCode, type Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/** DescribeOrganization's answer for an account that is in no organization. */
const NOT_IN_USE = 'AWSOrganizationsNotInUseException';

/**
 * Organizations, asked once (home region) in the account that answers for the organization
 * (settings.managementAccount, or the one account of a single-account run): the organization
 * (feature set, management account) and every account in it, with its status — the scope
 * the evidence must cover. Organizations has one endpoint (us-east-1); the SDK routes there.
 * "Not in an organization" is a fact sealed as evidence (single-account mode), and then there
 * are no accounts to list. AccessDeniedException (a member account) is a gap.
 */
export const organizationsCollector: Collector = {
  name: 'organizations',
  async collect(target: CollectTarget, rec: Recorder): Promise<void> {
    const management = target.settings.managementAccount;
    if (!target.isHomeRegion || (management !== undefined && management !== target.account)) return;
    const client = target.clients.get(OrganizationsClient, target.region);
    const ask = { service: 'organizations' } as const;
    let notInUse = false;
    await rec.ask({ ...ask, operation: 'DescribeOrganization', input: {}, answers: [NOT_IN_USE] }, () =>
      client.send(new DescribeOrganizationCommand({})).catch((e: unknown) => {
        notInUse = errorCode(e) === NOT_IN_USE;
        throw e;
      }),
    );
    if (notInUse) return;
    await rec.pages({ ...ask, operation: 'ListAccounts', input: { MaxResults: 20 }, tokenIn: 'NextToken' }, (input) => client.send(new ListAccountsCommand(input)), (p) => p.NextToken);
  },
};
