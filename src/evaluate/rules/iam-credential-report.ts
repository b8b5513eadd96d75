import type { DayArtifact, EvalContext } from '../types';
import { answersFor, errorCodeOf, responseOf } from './util';

/**
 * The IAM credential report (GetCredentialReport Content: base64 of a CSV whose first line is
 * AWS's documented header, one row per user plus `<root_account>`). Booleans are `true` /
 * `false`, times ISO 8601, absent values `N/A` or `not_supported`. Hostile input: every
 * malformation becomes a reason, never an exception.
 */

export const CREDENTIAL_REPORT = 'iam:GetCredentialReport';
export const ROOT_USER = '<root_account>';

export type CredentialRow = Readonly<Record<string, string>>;

export type CredentialReport =
  | { ok: true; source: DayArtifact; rows: CredentialRow[] }
  | { ok: false; source: DayArtifact; reason: string };

/** The columns the rules read; a report without one of them is not the documented format. */
const REQUIRED = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_2_active', 'access_key_2_last_rotated'];

/** RFC 4180 records: IAM user names may contain commas, so quoted fields are handled. */
export function parseCsv(text: string): string[][] | string {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (quoted) return 'a quoted field is not closed';
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/** The report's rows keyed by the header's column names. */
export function parseCredentialReport(content: string): CredentialRow[] | string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return 'Content is not base64';
  const records = parseCsv(Buffer.from(content, 'base64').toString('utf8').replace(/^\uFEFF/, ''));
  if (typeof records === 'string') return records;
  const [header, ...rows] = records;
  const missing = REQUIRED.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) return `the header row lacks ${missing.join(', ')}`;
  if (new Set(header).size !== header.length) return 'the header row repeats a column';
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0) return `row ${bad + 2} has ${rows[bad]?.length ?? 0} fields, the header ${header.length}`;
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

/** The account's most recent credential report (latest GeneratedTime), or undefined when none was collected. */
export function credentialReportOf(ctx: EvalContext, account: string): CredentialReport | undefined {
  const generated = (a: DayArtifact): string => {
    const t = responseOf(a)?.GeneratedTime;
    return typeof t === 'string' ? t : '';
  };
  const [source] = answersFor(ctx, CREDENTIAL_REPORT, account).sort((a, b) => (generated(a) !== generated(b) ? (generated(a) > generated(b) ? -1 : 1) : a.key < b.key ? -1 : 1));
  if (!source) return undefined;
  const code = errorCodeOf(source);
  if (code !== undefined) return { ok: false, source, reason: `GetCredentialReport answered ${code}` };
  const response = responseOf(source);
  if (response?.ReportFormat !== undefined && response.ReportFormat !== 'text/csv') return { ok: false, source, reason: `ReportFormat is ${JSON.stringify(response.ReportFormat)}, not text/csv` };
  if (typeof response?.Content !== 'string') return { ok: false, source, reason: 'GetCredentialReport has no Content' };
  const rows = parseCredentialReport(response.Content);
  return typeof rows === 'string' ? { ok: false, source, reason: `the credential report cannot be read: ${rows}` } : { ok: true, source, rows };
}

/** A credential report boolean: only the literal `true` is true (`false`, `N/A`, `not_supported` are not). */
export const isTrue = (v: string | undefined): boolean => v === 'true';
