import type { SampleIam, SampleRole, SampleUser } from '../state/iam';
import { el, text } from '../wire/xml';

/**
 * GetAccountAuthorizationDetails entries as the IAM API Reference documents them (UserDetail,
 * RoleDetail, GroupDetail, ManagedPolicyDetail), each a `member` element. Policy documents are
 * URL-encoded JSON, as IAM returns them. Each entry is one item for MaxItems / Marker paging.
 */
export type DetailKind = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy';

export interface DetailEntry {
  readonly kind: DetailKind;
  readonly xml: string;
}

const encoded = (doc: object) => encodeURIComponent(JSON.stringify(doc));
const attached = (arns: readonly string[]) =>
  el('AttachedManagedPolicies', ...arns.map((arn) => el('member', text('PolicyName', arn.split('/').at(-1)), text('PolicyArn', arn))));

function userXml(account: string, u: SampleUser): string {
  return el('member',
    text('Path', '/'), text('UserName', u.name), text('UserId', u.id), text('Arn', `arn:aws:iam::${account}:user/${u.name}`), text('CreateDate', u.created),
    el('GroupList', ...u.groups.map((g) => text('member', g))), attached(u.managedPolicies), el('UserPolicyList'), el('Tags'));
}

function roleXml(account: string, r: SampleRole, lastUsed: string | undefined): string {
  return el('member',
    text('Path', '/'), text('RoleName', r.name), text('RoleId', r.id), text('Arn', `arn:aws:iam::${account}:role/${r.name}`), text('CreateDate', r.created),
    text('AssumeRolePolicyDocument', encoded(r.trust)), el('InstanceProfileList'), el('RolePolicyList'), attached(r.managedPolicies), el('Tags'),
    el('RoleLastUsed', lastUsed ? text('LastUsedDate', lastUsed) + text('Region', 'us-east-1') : ''));
}

export function authorizationDetails(account: string, iam: SampleIam, filter: readonly string[], collectorLastUsed: string): DetailEntry[] {
  const wants = (k: DetailKind) => filter.length === 0 || filter.includes(k);
  const out: DetailEntry[] = [];
  if (wants('User')) out.push(...iam.users.map((u) => ({ kind: 'User' as const, xml: userXml(account, u) })));
  if (wants('Group')) {
    out.push(...iam.groups.map((g) => ({ kind: 'Group' as const, xml: el('member',
      text('Path', '/'), text('GroupName', g.name), text('GroupId', g.id), text('Arn', `arn:aws:iam::${account}:group/${g.name}`), text('CreateDate', g.created),
      el('GroupPolicyList'), attached(g.managedPolicies)) })));
  }
  if (wants('Role')) {
    out.push(...iam.roles.map((r) => ({ kind: 'Role' as const, xml: roleXml(account, r, r.name === 'EvidenceVaultReadOnly' ? collectorLastUsed : undefined) })));
  }
  if (wants('LocalManagedPolicy')) {
    out.push(...iam.policies.map((p) => ({ kind: 'LocalManagedPolicy' as const, xml: el('member',
      text('PolicyName', p.name), text('PolicyId', p.id), text('Arn', `arn:aws:iam::${account}:policy/${p.name}`), text('Path', '/'),
      text('DefaultVersionId', 'v1'), text('AttachmentCount', p.attachments), text('PermissionsBoundaryUsageCount', 0), text('IsAttachable', true),
      text('CreateDate', p.created), text('UpdateDate', p.created),
      el('PolicyVersionList', el('member', text('Document', encoded(p.document)), text('VersionId', 'v1'), text('IsDefaultVersion', true), text('CreateDate', p.created)))) })));
  }
  return out;
}

const LIST_OF: Readonly<Record<DetailKind, string>> = { User: 'UserDetailList', Group: 'GroupDetailList', Role: 'RoleDetailList', LocalManagedPolicy: 'Policies' };

/** The page's entries grouped into the four lists, in the documented order. */
export function detailLists(entries: readonly DetailEntry[]): string {
  return (['User', 'Group', 'Role', 'LocalManagedPolicy'] as const)
    .map((k) => el(LIST_OF[k], ...entries.filter((e) => e.kind === k).map((e) => e.xml))).join('');
}
