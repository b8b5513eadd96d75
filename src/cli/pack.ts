import * as path from 'node:path';
import type { DemoPack } from '../pack/demo-pack';
import type { BuiltPack } from '../pack/build';

/** `evidence pack`: the summary printed after a pack is built (docs/cli.md). */
export function packCounts(pack: BuiltPack['pack']): { total: number; everyDay: number; exceptions: number; notEvidenced: number; disabled: number } {
  const active = pack.controls.filter((c) => c.disabled === null);
  return {
    total: pack.controls.length,
    everyDay: active.filter((c) => c.operatedEveryDay).length,
    exceptions: active.filter((c) => c.days.fail > 0).length,
    notEvidenced: active.filter((c) => c.days.fail === 0 && c.days['not-evidenced'] > 0).length,
    disabled: pack.controls.length - active.length,
  };
}

export function formatPackSummary(built: BuiltPack, vaultUrl: string, cwd = process.cwd()): string {
  const { pack } = built;
  const n = packCounts(pack);
  const rel = (p: string): string => path.relative(cwd, p) || '.';
  return [
    `Evidence pack ${pack.period.quarter}: ${pack.organization}, ${pack.period.start} to ${pack.period.end} (${pack.period.days} days)`,
    `  controls     ${n.total}: ${n.everyDay} operated every day, ${n.exceptions} with exceptions, ${n.notEvidenced} not evidenced on some day, ${n.disabled} disabled`,
    `  days         ${pack.period.days - pack.missingDays.length} with a manifest, ${pack.missingDays.length} missing${pack.missingDays.length === 0 ? '' : ` (${pack.missingDays[0] ?? ''} …)`}`,
    `  gaps         ${pack.gaps.length}`,
    `  chain        ${pack.chain.manifests.length} manifests, head ${pack.chain.head.key} sequence ${pack.chain.head.sequence}; anchor ${pack.chain.anchor?.key ?? 'none (the chain starts in this quarter)'}`,
    `  pack         ${rel(built.dir)}`,
    `  zip          ${rel(built.zip)}`,
    `  vault key    ${vaultUrl.replace(/\/+$/, '')}/${built.vaultKey}`,
    `  pack.json    sha256 ${built.packSha256}`,
    `  fingerprint  ${built.fingerprint}`,
    '',
    'Verify it:',
    `  cd ${rel(built.dir)} && sha256sum -c SHA256SUMS && openssl dgst -sha256 -verify public-key.pem -signature pack.json.sig pack.json`,
    `  npx evidence verify ${rel(built.zip)} --public-key company-public-key.pem`,
  ].join('\n');
}

/** The demo summary's pack lines. */
export function demoPackLines(p: DemoPack, rel: (p: string) => string): string[] {
  const n = packCounts(p.built.pack);
  const missing = p.built.pack.missingDays.length;
  return [
    `  pack         ${rel(p.dir)} and ${rel(p.zip)}: ${p.quarter}, ${p.built.pack.period.days - missing} of ${p.built.pack.period.days} days${missing === 0 ? '' : ` (${missing} missing: the demo did not cover the whole quarter)`}${p.outside > 0 ? `; ${p.outside} simulated day(s) after the quarter are not in it` : ''}`,
    `               ${n.everyDay} controls operated every day, ${n.exceptions} with exceptions, ${n.notEvidenced} not evidenced on some day, ${n.disabled} disabled`,
    `               in the vault as ${p.vaultKey}; pack.json sha256 ${p.built.packSha256}`,
    `  pack check   ${p.verified ? 'verified (folder and zip)' : `NOT VERIFIED: ${p.failures.slice(0, 5).join('; ')}`}`,
  ];
}
