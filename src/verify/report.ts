import { GIVEN_KEY, VERIFY_CODES, type VerifyFailure, type VerifyReport } from './codes';

/**
 * The report's two forms (docs/verification.md §Report): text for people, JSON for tools.
 * Exit codes: 0 intact, 1 integrity failure, 2 usage error or unreadable input.
 */
export const VERIFY_REPORT_SCHEMA = 'evidence-vault/verify-report/v1';

export type ExitCode = 0 | 1 | 2;

export function failureExitCode(f: VerifyFailure): 1 | 2 {
  if (f.code === 'PUBLIC_KEY_INVALID' && f.file === GIVEN_KEY) return 2; // the auditor's input, not the vault
  return VERIFY_CODES[f.code].exit;
}

/** 2 wins over 1: an unreadable input means the vault could not be fully checked at all. */
export function exitCodeFor(report: VerifyReport): ExitCode {
  if (report.failures.length === 0) return 0;
  return report.failures.some((f) => failureExitCode(f) === 2) ? 2 : 1;
}

export function reportToJson(report: VerifyReport): string {
  return `${JSON.stringify({ schema: VERIFY_REPORT_SCHEMA, ...report, exitCode: exitCodeFor(report) }, null, 2)}\n`;
}

export function formatReport(report: VerifyReport): string {
  const lines: string[] = [];
  lines.push(`${report.ok ? 'INTACT' : 'FAILED'}: ${report.path}`);
  if (report.kind === 'pack') lines.push(`  pack:        quarter ${report.quarter ?? 'unknown (pack.json unusable)'}`);
  const key = report.publicKey;
  lines.push(`  public key:  ${key === null ? 'none usable' : `${key.fingerprint} (${key.source === 'given' ? 'given' : "the vault's own; not independently trusted"})`}`);
  lines.push(`  manifests:   ${report.manifests}`);
  lines.push(`  artifacts:   ${report.artifacts}`);
  lines.push(`  days:        ${report.days.length === 0 ? 'none' : `${report.days.length} (${report.days[0] ?? ''} .. ${report.days[report.days.length - 1] ?? ''})`}`);
  const h = report.head;
  lines.push(`  head:        ${h === null ? 'none' : `${h.key} sequence ${h.sequence} sha256 ${h.sha256}`}`);
  lines.push(`  gaps:        ${report.gaps.length}${report.gaps.length === 0 ? '' : ' (missing evidence recorded by the collectors; not an integrity failure)'}`);
  for (const g of report.gaps) {
    lines.push(`    ${g.date} ${g.collector} ${g.account}/${g.region} ${g.operation}: ${g.errorCode}`);
  }
  if (report.failures.length > 0) {
    lines.push(`  failures:    ${report.failures.length}`);
    for (const f of report.failures) lines.push(`    ${f.code} ${f.file}`, `      ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
