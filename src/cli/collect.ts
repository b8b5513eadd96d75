import type { DailyRunResult } from '../pipeline/daily-run';

export function formatCollectResult(r: DailyRunResult, vaultUrl: string): string {
  const lines = [
    `Sealed ${r.date} into ${vaultUrl}`,
    `  manifest   ${r.key} (sequence ${r.sequence}) sha256 ${r.sha256}`,
    `  artifacts  ${r.artifacts} (${r.newArtifacts} new objects)`,
    `  gaps       ${r.gaps}`,
  ];
  for (const g of r.gapList) lines.push(`    GAP ${g.errorCode} ${g.operation} account ${g.account} ${g.region} (${g.collector})`);
  return lines.join('\n');
}
