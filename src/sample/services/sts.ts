import { SAMPLE_ACCOUNTS } from '../organization';
import type { ServiceRoute } from '../route-types';
import { awsQuery, queryOk } from '../wire/protocols';
import { text } from '../wire/xml';

/**
 * AWS STS (awsQuery, API version 2011-06-15). GetCallerIdentity as documented in the STS API
 * Reference, "GetCallerIdentity" example "Called by user created with AssumeRole": the
 * collector runs as the read-only role the member-account template creates.
 */
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const COLLECTOR_ROLE = 'EvidenceVaultReadOnly';
export const COLLECTOR_SESSION = 'evidence-collector';

/** Role ids (aws:userid prefix AROA…) per account, fixed like real role ids. */
const ROLE_IDS: Readonly<Record<string, string>> = {
  [SAMPLE_ACCOUNTS.management.id]: 'AROAWBX3H7KQ2M5N8P4RT',
  [SAMPLE_ACCOUNTS.logArchive.id]: 'AROAV6J2D9F4L7Q3S8W1Y',
  [SAMPLE_ACCOUNTS.production.id]: 'AROAQ5T8N2K6H9B3M7X4C',
};

export const STS_ROUTE: ServiceRoute = {
  signingName: 'sts',
  protocol: awsQuery(XMLNS, '2011-06-15'),
  recordings: {
    GetCallerIdentity: ({ ctx, seed }) => {
      const id = ctx.account.id;
      const result = [
        `    ${text('Arn', `arn:aws:sts::${id}:assumed-role/${COLLECTOR_ROLE}/${COLLECTOR_SESSION}`)}`,
        `    ${text('UserId', `${ROLE_IDS[id] ?? 'AROAUNKNOWNROLE000000'}:${COLLECTOR_SESSION}`)}`,
        `    ${text('Account', id)}`,
      ].join('\n');
      return queryOk(XMLNS, 'GetCallerIdentity', seed, result);
    },
  },
};
