import { epochSeconds } from '../clock';
import { SAMPLE_ACCOUNTS, SAMPLE_ORGANIZATION } from '../organization';
import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { awsJson, jsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * AWS Organizations (awsJson1_1, X-Amz-Target AWSOrganizationsV20161128.*, errors with a
 * capitalised `Message`). DescribeOrganization answers in every account of the organization,
 * as AWS documents ("can be called from any account in the organization"); ListAccounts only
 * in the management account: members get AccessDeniedException, as a non-delegated member does.
 * Accounts carry `State` (AWS retired `Status` on 2026-09-09).
 */
const PROTOCOL = awsJson('1.1', 'AWSOrganizationsV20161128', { messageKey: 'Message' });
const mgmt = SAMPLE_ACCOUNTS.management;
const orgId = SAMPLE_ORGANIZATION.organizationId;

const JOINED: Readonly<Record<string, { method: 'INVITED' | 'CREATED'; at: string }>> = {
  [SAMPLE_ACCOUNTS.management.id]: { method: 'INVITED', at: '2020-11-09T18:55:02.391Z' },
  [SAMPLE_ACCOUNTS.logArchive.id]: { method: 'CREATED', at: '2021-02-17T13:58:40.117Z' },
  [SAMPLE_ACCOUNTS.production.id]: { method: 'CREATED', at: '2021-02-17T14:00:12.846Z' },
};

function denied(call: SampleCall): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'AccessDeniedException', message: "You don't have permissions to access this resource." });
}

const describeOrganization: Recording = (call) => jsonOk(PROTOCOL, call.seed, {
  Organization: {
    Id: orgId, Arn: `arn:aws:organizations::${mgmt.id}:organization/${orgId}`, FeatureSet: 'ALL',
    MasterAccountArn: `arn:aws:organizations::${mgmt.id}:account/${orgId}/${mgmt.id}`, MasterAccountId: mgmt.id, MasterAccountEmail: mgmt.email,
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
  },
});

const listAccounts: Recording = (call) => {
  if (call.ctx.account.role !== 'management') return denied(call);
  const input = jsonBody(call.req) ?? {};
  const size = pageSize(input['MaxResults'], 20, 20);
  if (size === undefined) return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidInputException', message: 'You provided a value that does not match the required pattern.' });
  const page = pageOf(SAMPLE_ORGANIZATION.accounts, size, typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined, `ListAccounts|${orgId}`);
  if (!page) return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidInputException', message: 'You specified an invalid value for nextToken.' });
  return jsonOk(PROTOCOL, call.seed, {
    Accounts: page.items.map((a) => ({
      Id: a.id, Arn: `arn:aws:organizations::${mgmt.id}:account/${orgId}/${a.id}`, Email: a.email, Name: a.name, State: 'ACTIVE',
      JoinedMethod: JOINED[a.id]?.method ?? 'CREATED', JoinedTimestamp: epochSeconds(Date.parse(JOINED[a.id]?.at ?? '2021-02-17T14:00:00.000Z')),
    })),
    ...(page.next ? { NextToken: page.next } : {}),
  });
};

export const ORGANIZATIONS_ROUTE: ServiceRoute = {
  signingName: 'organizations',
  protocol: PROTOCOL,
  recordings: { DescribeOrganization: describeOrganization, ListAccounts: listAccounts },
};
