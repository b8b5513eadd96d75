import type { JsonValue } from '../../core/canonical';
import type { DayArtifact } from '../types';
import { isObject, responseOf, type JsonObject } from './util';

/**
 * Administrative access from GetAccountAuthorizationDetails (Filter User, Role, Group,
 * LocalManagedPolicy): the AWS managed AdministratorAccess policy, or any identity policy with
 * an Allow of Action "*" on Resource "*" (the CIS AWS Foundations "full *:* administrative
 * privileges" test). Policy documents arrive URL-encoded (RFC 3986) JSON strings.
 */

export interface Principal {
  kind: 'user' | 'role';
  name: string;
  arn: string;
  source: DayArtifact;
  /** How it gets administrative access, e.g. `via group "Admins": AdministratorAccess attached`. */
  grants: string[];
  /** Policies whose document could not be read: admin access cannot be ruled out. */
  unreadable: string[];
}

interface Access {
  grants: string[];
  unreadable: string[];
}

const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '?');
const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

// Any partition: arn:aws:…, arn:aws-us-gov:…, arn:aws-cn:…
const ADMINISTRATOR_ACCESS = /^arn:[a-z-]+:iam::aws:policy\/AdministratorAccess$/;
// Other AWS managed policies are not in the answer (Filter has no AWSManagedPolicy): they are not taken as admin.
const AWS_MANAGED = /^arn:[a-z-]+:iam::aws:policy\//;

/** The policy document as JSON, or undefined when it cannot be read (never throws). */
export function readDocument(encoded: JsonValue | undefined): JsonValue | undefined {
  if (typeof encoded !== 'string') return undefined;
  try {
    return JSON.parse(encoded.trimStart().startsWith('{') ? encoded : decodeURIComponent(encoded)) as JsonValue;
  } catch {
    return undefined;
  }
}

/** Whether a policy document has a statement allowing every action on every resource. */
export function grantsEverything(doc: JsonValue): boolean {
  const statements = isObject(doc) ? list(doc.Statement).filter(isObject) : [];
  return statements.some(
    (s) => s.Effect === 'Allow' && list(s.Action).some((a) => a === '*' || a === '*:*') && list(s.Resource).includes('*'),
  );
}

function checkDocument(what: string, encoded: JsonValue | undefined, into: Access): void {
  const doc = readDocument(encoded);
  if (doc === undefined) into.unreadable.push(`${what} document is unreadable`);
  else if (grantsEverything(doc)) into.grants.push(`${what} allows Action "*" on Resource "*"`);
}

function accessOf(p: JsonObject, inlineKey: string, managed: ReadonlyMap<string, JsonObject>): Access {
  const access: Access = { grants: [], unreadable: [] };
  for (const ip of objects(p[inlineKey])) checkDocument(`inline policy "${str(ip.PolicyName)}"`, ip.PolicyDocument, access);
  for (const ap of objects(p.AttachedManagedPolicies)) {
    const arn = str(ap.PolicyArn);
    if (ADMINISTRATOR_ACCESS.test(arn)) access.grants.push('AdministratorAccess attached');
    else if (AWS_MANAGED.test(arn)) continue;
    else {
      const policy = managed.get(arn);
      const version = policy && objects(policy.PolicyVersionList).find((v) => v.IsDefaultVersion === true || v.VersionId === policy.DefaultVersionId);
      if (version) checkDocument(`managed policy "${str(ap.PolicyName)}"`, version.Document, access);
      else access.unreadable.push(`managed policy ${arn} is not in Policies`);
    }
  }
  return access;
}

/** Users and roles of the account with what gives each administrative access (possibly nothing). */
export function principalsOf(pages: readonly DayArtifact[]): { users: Principal[]; roles: Principal[] } {
  const responses = pages.map((source) => ({ source, r: responseOf(source) ?? {} }));
  const managed = new Map(responses.flatMap(({ r }) => objects(r.Policies)).map((p) => [str(p.Arn), p] as const));
  const groups = new Map(responses.flatMap(({ r }) => objects(r.GroupDetailList)).map((g) => [str(g.GroupName), accessOf(g, 'GroupPolicyList', managed)] as const));
  const users = new Map<string, Principal>();
  const roles = new Map<string, Principal>();
  for (const { source, r } of responses) {
    for (const u of objects(r.UserDetailList)) {
      const own = accessOf(u, 'UserPolicyList', managed);
      for (const g of list(u.GroupList).map(str)) {
        const via = groups.get(g);
        if (!via) own.unreadable.push(`group "${g}" is not in GroupDetailList`);
        else {
          own.grants.push(...via.grants.map((x) => `via group "${g}": ${x}`));
          own.unreadable.push(...via.unreadable.map((x) => `via group "${g}": ${x}`));
        }
      }
      if (!users.has(str(u.Arn))) users.set(str(u.Arn), { kind: 'user', name: str(u.UserName), arn: str(u.Arn), source, ...own });
    }
    for (const role of objects(r.RoleDetailList)) {
      if (!roles.has(str(role.Arn))) roles.set(str(role.Arn), { kind: 'role', name: str(role.RoleName), arn: str(role.Arn), source, ...accessOf(role, 'RolePolicyList', managed) });
    }
  }
  const sorted = (m: Map<string, Principal>): Principal[] => [...m.values()].sort((x, y) => (x.arn < y.arn ? -1 : x.arn > y.arn ? 1 : 0));
  return { users: sorted(users), roles: sorted(roles) };
}
