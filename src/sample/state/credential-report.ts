import type { SampleAccessKey, SampleIam } from './iam';

/**
 * The IAM credential report (IAM User Guide, "Getting credential reports for your AWS
 * account": the CSV format and its columns, in order). Times are ISO 8601 with a +00:00
 * offset; N/A where a column does not apply, no_information where IAM has none, and
 * not_supported for the root user's password columns. The CI user's key follows a 60-day
 * rotation, so it never ages past 90 days; the batch user's key does not rotate at all.
 */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const;

const ROTATION_MS = 60 * 86_400_000;

function reportTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The key as it stands at `now`: rotating keys were last rotated on the latest 60-day mark. */
function keyAt(k: SampleAccessKey, rotates: boolean, now: number): SampleAccessKey {
  if (!rotates) return k;
  const first = Date.parse(k.lastRotated);
  const rotated = first + Math.max(0, Math.floor((now - first) / ROTATION_MS)) * ROTATION_MS;
  return { ...k, lastRotated: new Date(rotated).toISOString(), ...(k.lastUsed ? { lastUsed: { ...k.lastUsed, date: new Date(now - 13 * 3_600_000).toISOString() } } : {}) };
}

function keyColumns(k: SampleAccessKey | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [String(k.active), reportTime(k.lastRotated), k.lastUsed ? reportTime(k.lastUsed.date) : 'N/A', k.lastUsed?.region ?? 'N/A', k.lastUsed?.service ?? 'N/A'];
}

export function credentialReportCsv(accountId: string, iam: SampleIam, now: number, rootLastUsed: string | undefined): string {
  const rows: string[][] = [[
    '<root_account>', `arn:aws:iam::${accountId}:root`, reportTime(iam.rootCreated), 'not_supported', rootLastUsed ? reportTime(rootLastUsed) : 'no_information',
    'not_supported', 'not_supported', 'true', ...keyColumns(undefined), ...keyColumns(undefined), 'false', 'N/A', 'false', 'N/A',
  ]];
  for (const u of iam.users) {
    const keys = u.keys.map((k) => keyAt(k, u.name === 'ci-terraform', now));
    rows.push([
      u.name, `arn:aws:iam::${accountId}:user/${u.name}`, reportTime(u.created), String(u.password !== undefined),
      u.password ? (u.password.lastUsed ? reportTime(u.password.lastUsed) : 'no_information') : 'N/A',
      u.password ? reportTime(u.password.lastChanged) : 'N/A', 'N/A', String(u.mfa),
      ...keyColumns(keys[0]), ...keyColumns(keys[1]), 'false', 'N/A', 'false', 'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n');
}
