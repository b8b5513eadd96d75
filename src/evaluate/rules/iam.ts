import type { RuleParams } from '../rule-params';
import type { DayArtifact, EvalContext, ResourceResult, Rule } from '../types';
import { CREDENTIAL_REPORT, ROOT_USER, credentialReportOf, isTrue, type CredentialRow } from './iam-credential-report';
import { principalsOf, type Principal } from './iam-policies';
import { answersFor, checkResult, evidence, globMatch, isObject, responseOf } from './util';

/**
 * IAM: who can sign in and with what (SOC 2 CC6.1/CC6.2/CC6.3, ISO 27001 A.5.15–A.5.18,
 * A.8.2, A.8.5). IAM is global and asked once per account, so results carry region "global"
 * (AWS Config's region for IAM resources), whichever region the answer came from.
 */

const SUMMARY = 'iam:GetAccountSummary';
const AUTHORIZATION = 'iam:GetAccountAuthorizationDetails';
const GLOBAL = 'global';
const DAY_MS = 86_400_000;

const byKey = (a: DayArtifact, b: DayArtifact): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const rootArn = (account: string): string => `arn:aws:iam::${account}:root`;

/** "Not evidenced" for an account-wide IAM answer, naming the gap (any region) when there is one. */
function iamNotEvidenced(ctx: EvalContext, resource: string, account: string, operation: string, why?: { reason: string; source: DayArtifact }): ResourceResult {
  const gap = [...ctx.gaps(operation, account)].sort((a, b) => (`${a.region}${a.errorCode}` < `${b.region}${b.errorCode}` ? -1 : 1))[0];
  const reason = why?.reason ?? (gap ? `${gap.operation} was not answered (${gap.errorCode}) in ${account} ${gap.region}` : `no ${operation} answer was collected for ${account}`);
  return { resource, account, region: GLOBAL, verdict: 'not-evidenced', reason, evidence: evidence(why?.source) };
}

// Root checks read the account summary: 1 means present/enabled, 0 absent (AccountMFAEnabled, AccountAccessKeysPresent).
function summaryRule(id: 'iam.root-mfa' | 'iam.root-no-access-keys', field: string, expected: number, meaning: { pass: string; fail: string }): Rule<Record<string, never>> {
  return {
    id,
    reads: [SUMMARY],
    evaluate(ctx) {
      return checkResult(id, ctx.accounts.map((account): ResourceResult => {
        const source = answersFor(ctx, SUMMARY, account).sort(byKey).find((a) => isObject(responseOf(a)?.SummaryMap));
        const map = source && responseOf(source)?.SummaryMap;
        const value = isObject(map) ? map[field] : undefined;
        if (!source || typeof value !== 'number') return iamNotEvidenced(ctx, rootArn(account), account, SUMMARY, source && { reason: `SummaryMap has no ${field}`, source });
        const verdict = value === expected ? 'pass' : 'fail';
        return { resource: rootArn(account), account, region: GLOBAL, verdict, reason: `SummaryMap ${field} is ${value}: ${meaning[verdict]}`, evidence: evidence(source) };
      }));
    },
  };
}

export const rootMfa: Rule<RuleParams<'iam.root-mfa'>> = summaryRule('iam.root-mfa', 'AccountMFAEnabled', 1, { pass: 'the root user signs in with MFA', fail: 'the root user has no MFA device' });
export const rootNoAccessKeys: Rule<RuleParams<'iam.root-no-access-keys'>> = summaryRule('iam.root-no-access-keys', 'AccountAccessKeysPresent', 0, { pass: 'the root user has no access keys', fail: 'the root user has an access key' });

/** Runs a per-row check over every account's credential report. */
function perReportRow(ctx: EvalContext, check: (row: CredentialRow, account: string, source: DayArtifact) => ResourceResult[]): ResourceResult[] {
  return ctx.accounts.flatMap((account) => {
    const report = credentialReportOf(ctx, account);
    if (!report?.ok) return [iamNotEvidenced(ctx, account, account, CREDENTIAL_REPORT, report)];
    return report.rows.flatMap((row) => check(row, account, report.source));
  });
}

// Console users only (password_enabled true); the root user is iam.root-mfa's concern.
export const consoleMfa: Rule<RuleParams<'iam.console-mfa'>> = {
  id: 'iam.console-mfa',
  reads: [CREDENTIAL_REPORT],
  evaluate(ctx) {
    return checkResult('iam.console-mfa', perReportRow(ctx, (row, account, source) => {
      if (row.user === ROOT_USER || !isTrue(row.password_enabled)) return [];
      const ok = isTrue(row.mfa_active);
      const reason = `user ${row.user ?? '?'} has password_enabled true and mfa_active ${row.mfa_active ?? '?'}`;
      return [{ resource: row.arn ?? '?', account, region: GLOBAL, verdict: ok ? 'pass' : 'fail', reason, evidence: evidence(source) }];
    }));
  },
};

// Every active key, the root user's included; age is measured from access_key_N_last_rotated (creation or last rotation) to when the report was read.
export const accessKeyAge: Rule<RuleParams<'iam.access-key-age'>> = {
  id: 'iam.access-key-age',
  reads: [CREDENTIAL_REPORT],
  evaluate(ctx, params) {
    return checkResult('iam.access-key-age', perReportRow(ctx, (row, account, source) => ([1, 2] as const).flatMap((n): ResourceResult[] => {
      if (!isTrue(row[`access_key_${n}_active`])) return [];
      const rotated = row[`access_key_${n}_last_rotated`] ?? '';
      const base = { resource: `${row.arn ?? '?'}#access_key_${n}`, account, region: GLOBAL, evidence: evidence(source) };
      const ageMs = Date.parse(source.observedAt) - Date.parse(rotated);
      if (Number.isNaN(ageMs)) return [{ ...base, verdict: 'not-evidenced', reason: `access_key_${n}_last_rotated is ${JSON.stringify(rotated)}, not a time` }];
      const days = Math.floor(ageMs / DAY_MS);
      const ok = ageMs <= params.maxAgeDays * DAY_MS;
      const reason = `access_key_${n} of ${row.user ?? '?'} was last rotated ${rotated}, ${days} days before ${source.observedAt}${ok ? '' : `: older than ${params.maxAgeDays} days`}`;
      return [{ ...base, verdict: ok ? 'pass' : 'fail', reason }];
    })));
  },
};

function adminResult(p: Principal, account: string, allowed: readonly string[]): ResourceResult | undefined {
  const base = { resource: p.arn, account, region: GLOBAL, evidence: evidence(p.source) };
  const how = p.grants.join('; ');
  if (p.grants.length === 0) {
    return p.unreadable.length > 0 ? { ...base, verdict: 'not-evidenced', reason: `${p.kind} ${p.name}: ${p.unreadable.join('; ')}` } : undefined;
  }
  if (p.kind === 'user') return { ...base, verdict: 'fail', reason: `user ${p.name} has administrative access (${how}); admin work goes through an allowed role` };
  const match = allowed.find((pattern) => globMatch(pattern, p.name));
  if (match !== undefined) return { ...base, verdict: 'pass', reason: `role ${p.name} has administrative access (${how}) and matches allowedAdminRoles "${match}"` };
  return { ...base, verdict: 'fail', reason: `role ${p.name} has administrative access (${how}) and matches none of allowedAdminRoles [${allowed.join(', ')}]` };
}

// Users with admin fail; roles with admin pass only when allowed; with nobody else holding admin, the account passes.
export const adminPrivileges: Rule<RuleParams<'iam.admin-privileges'>> = {
  id: 'iam.admin-privileges',
  reads: [AUTHORIZATION],
  evaluate(ctx, params) {
    return checkResult('iam.admin-privileges', ctx.accounts.flatMap((account) => {
      const pages = answersFor(ctx, AUTHORIZATION, account).sort(byKey);
      if (pages.length === 0) return [iamNotEvidenced(ctx, account, account, AUTHORIZATION)];
      const { users, roles } = principalsOf(pages);
      const out = [...users, ...roles].flatMap((p) => adminResult(p, account, params.allowedAdminRoles) ?? []);
      // A missing page may hold more principals: the account cannot pass as a whole.
      if (ctx.gaps(AUTHORIZATION, account).length > 0) out.push(iamNotEvidenced(ctx, account, account, AUTHORIZATION));
      else if (out.every((r) => r.verdict === 'pass')) {
        out.push({ resource: account, account, region: GLOBAL, verdict: 'pass', reason: `no IAM user, and no role outside allowedAdminRoles, has administrative access (${users.length} users, ${roles.length} roles read)`, evidence: evidence(...pages) });
      }
      return out;
    }));
  },
};

export const IAM_RULES = [rootMfa, rootNoAccessKeys, consoleMfa, accessKeyAge, adminPrivileges] as const;
