import type { DailyRunResult } from '../pipeline/daily-run';

export function formatCollectResult(r: DailyRunResult, vaultUrl: string): string {
  const lines = [
    `Sealed ${r.date} into ${vaultUrl}`,
    `  manifest   ${r.key} (sequence ${r.sequence}) sha256 ${r.sha256}`,
    `  artifacts  ${r.artifacts} (${r.newArtifacts} new objects)`,
    `  gaps       ${r.gaps}`,
  ];
  if (r.results) {
    const s = r.results.summary;
    lines.push(`  controls   ${s.pass} pass, ${s.fail} fail, ${s['not-evidenced']} not evidenced, ${s['not-applicable']} not applicable, ${s.disabled} disabled (catalog ${r.results.catalog.id} ${r.results.catalog.version})`);
    for (const c of r.results.controls.filter((x) => x.verdict === 'fail')) lines.push(`    FAIL ${c.id}`);
  }
  for (const g of r.gapList) lines.push(`    GAP ${g.errorCode} ${g.operation} account ${g.account} ${g.region} (${g.collector})`);
  return lines.join('\n');
}
