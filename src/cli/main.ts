import { Command, CommanderError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { EvidenceError, describeError } from '../core/errors';
import { collectAccount } from '../pipeline/collect-account';
import { formatCollectResult } from './collect';
import { openVault } from './open-vault';
import { isoDate, parseDate, parsePositiveInt } from './dates';
import { formatDemoSummary, runDemo } from './demo';
import { EXIT, exitCodeFor } from './exit-codes';
import { runVerify } from './verify';
import { runControls } from './controls';
import { loadCatalog } from '../catalog';
import { evaluationFor } from '../evaluate/registry';
import { buildPack } from '../pack/build';
import { parseQuarter } from '../pack/quarter';
import { formatPackSummary } from './pack';
import { downloadPack, readOnlyVault } from './download';
import { parseExpiry, sharePack } from './share';
import { registerAttest } from './attest';
import { registerIncident } from './incident';
import { registerReview } from './review';
import { registerDrill } from './drill';

/** Where the CLI writes; injectable so tests can run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

/** Runs `evidence ARGS…` and answers the exit code (docs/cli.md). Never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.OK;
  const program = new Command('evidence')
    .description('Sealed, offline-verifiable evidence of data-leak detection and reporting controls on AWS')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError(false);

  program
    .command('demo')
    .description('run the real pipeline for N simulated days against the bundled sample organization into DIR/vault')
    .requiredOption('--out <dir>', 'output directory (the vault is written to DIR/vault)')
    .option('--days <n>', 'number of simulated days', '92')
    .option('--start <date>', 'first simulated day (YYYY-MM-DD)', '2026-07-01')
    .action(async (o: { out: string; days: string; start: string }) => {
      const summary = await runDemo({ out: o.out, days: parsePositiveInt(o.days, '--days', 3660), start: parseDate(o.start, '--start') });
      io.out(formatDemoSummary(summary));
      code = summary.intact ? EXIT.OK : EXIT.INTEGRITY_FAILURE;
    });

  program
    .command('collect')
    .description('collect one day from AWS (standard SDK configuration) and seal it into the vault')
    .requiredOption('--vault <url>', 'file://DIR or s3://BUCKET/PREFIX')
    .option('--date <date>', 'the day being evidenced (YYYY-MM-DD, UTC); default today')
    .option('--regions <list>', 'comma-separated regions; default the SDK-configured region')
    .option('--organization <name>', 'organization name recorded in the manifest scope')
    .option('--organization-role <name>', 'organization mode: assume this read-only role in every member account')
    .option('--config-aggregator <name>', 'AWS Config aggregator (in this account) for the resource inventory')
    .option('--concurrency <n>', 'account × region × collector runs in flight at once', '8')
    .option('--catalog-config <file>', 'control catalog overrides (parameters, disabled controls with reasons, added controls)')
    .addOption(new Option('--signing-key <pem>', 'local P-256 signing key file (created if absent)').env('EVIDENCE_SIGNING_KEY'))
    .addOption(new Option('--kms-key-id <id>', 'KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs manifests').env('EVIDENCE_KMS_KEY_ID'))
    .option('--retention-days <n>', 'Object Lock COMPLIANCE retention for s3:// vaults', '400')
    .action(async (o: { vault: string; date?: string; regions?: string; organization?: string; organizationRole?: string; configAggregator?: string; concurrency: string; catalogConfig?: string; signingKey?: string; kmsKeyId?: string; retentionDays: string }) => {
      const date = isoDate(o.date ? parseDate(o.date, '--date') : new Date());
      const retentionDays = parsePositiveInt(o.retentionDays, '--retention-days', 36500);
      const { vault, signer } = await openVault({ vault: o.vault, signingKey: o.signingKey, kmsKeyId: o.kmsKeyId, retentionDays });
      const result = await collectAccount({
        vault, signer, date,
        regions: o.regions?.split(',').map((r) => r.trim()).filter(Boolean),
        organization: o.organization,
        organizationRole: o.organizationRole,
        configAggregator: o.configAggregator,
        concurrency: parsePositiveInt(o.concurrency, '--concurrency', 256),
        evaluation: evaluationFor(await loadCatalog({ overrides: o.catalogConfig })),
      });
      io.out(formatCollectResult(result, o.vault));
    });

  program
    .command('verify')
    .description('verify sealed evidence offline (a vault or a quarterly pack): hashes, Merkle roots, chain and signatures')
    .argument('<path>', 'a vault directory, a pack folder or a pack .zip')
    .option('--public-key <pem>', "the company's published public key (default: the vault's own public-key.pem)")
    .option('--json', 'print the report as JSON')
    .action(async (target: string, o: { publicKey?: string; json?: boolean }) => {
      const publicKeyPem = o.publicKey ? await readInput(o.publicKey, '--public-key') : undefined;
      code = await runVerify(target, { publicKeyPem, json: o.json === true }, io);
    });

  program
    .command('controls')
    .description('list the control catalog with its SOC 2 and ISO 27001 mappings, or the coverage of one framework')
    .option('--json', 'print JSON')
    .addOption(new Option('--framework <name>', 'show which criteria or Annex A controls are covered, by what, and which are not').choices(['soc2', 'iso27001-2022', 'iso27001-2013']))
    .option('--config <file>', 'catalog overrides file (parameters, disabled controls with reasons, added controls)')
    .action(async (o: { json?: boolean; framework?: 'soc2' | 'iso27001-2022' | 'iso27001-2013'; config?: string }) => {
      code = await runControls({ json: o.json === true, framework: o.framework, config: o.config }, io);
    });

  program
    .command('pack')
    .description("build the quarter's evidence pack (folder and zip) from a verified vault, and store the zip in the vault")
    .requiredOption('--vault <url>', 'file://DIR or s3://BUCKET/PREFIX')
    .requiredOption('--quarter <YYYY-QN>', 'the calendar quarter, e.g. 2026-Q3')
    .option('--out <dir>', 'where the pack folder and zip are written', '.')
    .option('--public-key <pem>', "the company's published public key (default: the vault's own public-key.pem)")
    .addOption(new Option('--signing-key <pem>', 'local P-256 signing key file (the one that signs the vault)').env('EVIDENCE_SIGNING_KEY'))
    .addOption(new Option('--kms-key-id <id>', 'KMS key that signs the vault').env('EVIDENCE_KMS_KEY_ID'))
    .action(async (o: { vault: string; quarter: string; out: string; publicKey?: string; signingKey?: string; kmsKeyId?: string }) => {
      const quarter = parseQuarter(o.quarter).quarter;
      const publicKeyPem = o.publicKey ? await readInput(o.publicKey, '--public-key') : undefined;
      const { vault, signer } = await openVault({ vault: o.vault, signingKey: o.signingKey, kmsKeyId: o.kmsKeyId });
      const built = await buildPack({ vault, quarter, signer, outDir: o.out, publicKeyPem, now: () => new Date() });
      io.out(formatPackSummary(built, vault.url));
    });

  program
    .command('download')
    .description("fetch the quarter's newest pack from the vault, verify it, extract it safely and verify it again")
    .requiredOption('--vault <url>', 's3://BUCKET/PREFIX or file://DIR')
    .requiredOption('--quarter <YYYY-QN>', 'the calendar quarter, e.g. 2026-Q3')
    .requiredOption('--out <dir>', 'where the pack folder and zip are written')
    .option('--public-key <pem>', "the company's published public key (default: the pack's own public-key.pem)")
    .action(async (o: { vault: string; quarter: string; out: string; publicKey?: string }) => {
      const quarter = parseQuarter(o.quarter).quarter;
      const publicKeyPem = o.publicKey ? await readInput(o.publicKey, '--public-key') : undefined;
      const got = await downloadPack(readOnlyVault(o.vault), quarter, o.out, publicKeyPem);
      io.out([`Downloaded ${got.key}: verified as a zip and again as a folder`, `  zip          ${got.zip}`, `  pack         ${got.dir}`, `  fingerprint  ${got.fingerprint ?? 'none'}`, 'done'].join('\n'));
    });

  program
    .command('share')
    .description("print a presigned download URL of the quarter's newest pack zip (computed locally; at most 7 days)")
    .requiredOption('--vault <url>', 's3://BUCKET/PREFIX')
    .requiredOption('--quarter <YYYY-QN>', 'the calendar quarter, e.g. 2026-Q3')
    .option('--expires <duration>', 'how long the URL works: Nd, Nh or Nm, at most 7d', '7d')
    .action(async (o: { vault: string; quarter: string; expires: string }) => {
      const quarter = parseQuarter(o.quarter).quarter;
      const shared = await sharePack({ vault: o.vault, quarter, expiresIn: parseExpiry(o.expires) });
      io.out(shared.url);
    });

  registerAttest(program, io);
  registerIncident(program, io);
  registerReview(program, io);
  registerDrill(program, io, (c) => {
    code = c;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    io.err(`evidence: ${e instanceof EvidenceError ? `${e.code}: ${e.message}` : `internal error: ${describeError(e)}`}`);
    if (process.env.EVIDENCE_DEBUG && e instanceof Error) io.err(e.stack ?? '');
    return exitCodeFor(e);
  }
}

async function readInput(file: string, option: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new EvidenceError('INPUT_UNREADABLE', `${option}: cannot read ${file}: ${describeError(e)}`, { cause: e });
  }
}
