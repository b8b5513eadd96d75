/**
 * Builds the golden evidence pack of format v1 (`evidence-vault/pack/v1`) with the real pipeline
 * and the real builder, signed by the TEST-ONLY key. Run once; its output is committed as
 * test/golden/pack-v1/ (the pack folder and its zip) and frozen (test/golden/README.md). Tests
 * verify the committed files and never call this script.
 *
 *   npx esbuild --bundle --platform=node --packages=external --log-level=warning \
 *     test/golden/make-golden-pack-v1.ts --outfile=<tmp>/make-golden-pack.js
 *   NODE_PATH=node_modules node <tmp>/make-golden-pack.js test/golden/pack-v1
 *
 * (--packages=external keeps pdfkit's font files where pdfkit looks for them.)
 *
 * A tiny quarter of the bundled sample organization (docs/sample-organization.md): its
 * management account only, in its home region (us-east-1), every collector, evaluated with the
 * bundled catalog. 2026-06-30 is sealed first and becomes the chain anchor (the last manifest of
 * 2026-Q2), then 2026-07-01 … 2026-07-03 of 2026-Q3; the pack of 2026-Q3 is built at
 * 2026-10-01T06:00:00Z, so its other 89 days are missing days. One account and one region keep
 * the pack small (about 270 KB zipped): most of its size is the catalog's 39 controls over a
 * 92-day quarter in pack.json, report.pdf and the OSCAL file, whatever the evidence.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog';
import { COLLECTORS } from '../../src/collectors/registry';
import { evaluationFor } from '../../src/evaluate/registry';
import { buildPack } from '../../src/pack/build';
import { runDay } from '../../src/pipeline/daily-run';
import { sampleOrganizationDay } from '../../src/pipeline/sample-organization';
import { SAMPLE_ORGANIZATION } from '../../src/sample';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { TEST_KEY } from '../support/keys';

const ANCHOR_DAY = '2026-06-30';
const DAYS = 4;
const QUARTER = '2026-Q3';
const GENERATED_AT = '2026-10-01T06:00:00.000Z';

async function main(outDir: string): Promise<void> {
  if (existsSync(outDir)) throw new Error(`${outDir} exists; the golden pack is frozen and never regenerated in place`);
  const work = mkdtempSync(path.join(tmpdir(), 'golden-pack-v1-'));
  try {
    const catalog = await loadCatalog({});
    const vault = new Vault(new LocalObjectStore(path.join(work, 'vault')));
    const signer = LocalKeySigner.fromPem(TEST_KEY.privateKeyPem, 'TEST_KEY');
    for (let day = 0; day < DAYS; day++) {
      const date = new Date(Date.parse(`${ANCHOR_DAY}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
      const sample = await sampleOrganizationDay(day, ANCHOR_DAY);
      try {
        await runDay({
          vault, signer, date, now: () => new Date(`${date}T06:00:00.000Z`),
          organization: SAMPLE_ORGANIZATION.name, mode: 'sample', accounts: sample.accounts.filter((a) => a.account === sample.managementAccount),
          regions: [SAMPLE_ORGANIZATION.homeRegion], homeRegion: SAMPLE_ORGANIZATION.homeRegion, collectors: COLLECTORS,
          settings: { managementAccount: sample.managementAccount, configAggregator: sample.configAggregator },
          evaluation: evaluationFor(catalog),
        });
      } finally {
        sample.destroy();
      }
    }
    const built = await buildPack({ vault, quarter: QUARTER, signer, outDir, publicKeyPem: TEST_KEY.publicKeyPem, now: () => new Date(GENERATED_AT), catalog });
    process.stdout.write(`${built.dir}\n${built.zip}\npack.json sha256 ${built.packSha256}\nfingerprint ${built.fingerprint}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// The directory is required: a bundle's __dirname is wherever the bundle was written.
const target = process.argv[2];
if (target === undefined) throw new Error('usage: make-golden-pack.js <directory that does not exist yet>');
main(path.resolve(target)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
