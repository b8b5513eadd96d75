import { createHash } from 'node:crypto';
import { isoSeconds, simulatedTime } from '../clock';
import { driftOfKind, isDriftActive } from '../drift';
import { SAMPLE_ACCOUNTS, SAMPLE_READ_ONLY_ROLE, findSampleAccount } from '../organization';
import type { Recording, ServiceRoute } from '../route-types';
import { awsQuery, queryOk } from '../wire/protocols';
import { formParams } from '../wire/request';
import { el, text } from '../wire/xml';

/**
 * AWS STS (awsQuery, API version 2011-06-15). GetCallerIdentity as documented in the STS API
 * Reference, "GetCallerIdentity" example "Called by user created with AssumeRole": the
 * collector runs as the read-only role the member-account template creates. AssumeRole as
 * its API Reference documents it (AssumedRoleUser, Credentials with an ASIA… key and an
 * Expiration DurationSeconds after the daily collection time), answered by the management
 * account for the read-only role of the organization's accounts.
 */
const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const PROTOCOL = awsQuery(XMLNS, '2011-06-15');
export const COLLECTOR_ROLE = SAMPLE_READ_ONLY_ROLE;
export const COLLECTOR_SESSION = 'evidence-collector';

/** Role ids (aws:userid prefix AROA…) per account, fixed like real role ids. */
const ROLE_IDS: Readonly<Record<string, string>> = {
  [SAMPLE_ACCOUNTS.management.id]: 'AROAWBX3H7KQ2M5N8P4RT',
  [SAMPLE_ACCOUNTS.logArchive.id]: 'AROAV6J2D9F4L7Q3S8W1Y',
  [SAMPLE_ACCOUNTS.production.id]: 'AROAQ5T8N2K6H9B3M7X4C',
};

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function derived(seed: string, length: number, alphabet: string): string {
  const bytes = createHash('sha512').update(seed).digest();
  return Array.from(bytes.subarray(0, length), (b) => alphabet[b % alphabet.length]).join('');
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

const assumeRole: Recording = ({ ctx, req, seed }) => {
  const params = formParams(req);
  const roleArn = params.get('RoleArn') ?? '';
  const session = params.get('RoleSessionName') ?? '';
  const duration = Number(params.get('DurationSeconds') ?? '3600');
  if (!/^[\w+=,.@-]{2,64}$/.test(session) || !Number.isInteger(duration) || duration < 900 || duration > 43_200) {
    return PROTOCOL.error(seed, { status: 400, code: 'ValidationError', message: `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*` });
  }
  const m = ROLE_ARN.exec(roleArn);
  const target = m?.[1] ?? '';
  const roleName = m?.[2] ?? '';
  const caller = `arn:aws:sts::${ctx.account.id}:assumed-role/${COLLECTOR_ROLE}/${COLLECTOR_SESSION}`;
  // The read-only role trusts the management account only. Its targets are the organization's
  // accounts (any account when this handler stands for a synthetic management account),
  // unless drift made the role's trust policy refuse us.
  const known = roleName === SAMPLE_READ_ONLY_ROLE && ctx.account.role === 'management'
    && (findSampleAccount(target) !== undefined || ctx.accountId !== ctx.account.id);
  const denied = driftOfKind('assume-role-denied').some((d) => d.account === target && d.effect.roleName === roleName && isDriftActive(d, ctx.day));
  if (!known || denied) {
    return PROTOCOL.error(seed, { status: 403, code: 'AccessDenied', message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` });
  }
  const issued = simulatedTime(ctx.startMs, ctx.day, 6, 0, 0);
  const keySeed = `${target}|${session}|${ctx.day}`;
  const roleId = ROLE_IDS[target] ?? `AROA${derived(`role|${target}`, 17, B32)}`;
  const result = [
    el('AssumedRoleUser', text('AssumedRoleId', `${roleId}:${session}`), text('Arn', `arn:aws:sts::${target}:assumed-role/${roleName}/${session}`)),
    el('Credentials',
      text('AccessKeyId', `ASIA${derived(`key|${keySeed}`, 16, B32)}`),
      text('SecretAccessKey', derived(`secret|${keySeed}`, 40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')),
      text('SessionToken', `IQoJb3JpZ2luX2VjE${createHash('sha512').update(`token|${keySeed}`).digest('base64')}${createHash('sha512').update(`token2|${keySeed}`).digest('base64')}`),
      text('Expiration', isoSeconds(issued + duration * 1000))),
  ].map((x) => `    ${x}`).join('\n');
  return queryOk(XMLNS, 'AssumeRole', seed, result);
};

export const STS_ROUTE: ServiceRoute = {
  signingName: 'sts',
  protocol: PROTOCOL,
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
    AssumeRole: assumeRole,
  },
};
