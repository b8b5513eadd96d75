import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import { Option, type Command } from 'commander';
import { EvidenceError } from '../core/errors';
import { findHead } from '../core/seal';
import { prepareDrillAck } from '../workflow/drill-ack';
import { runDrill, resolveDrillTarget, type DrillClients } from '../workflow/drill-run';
import { parseId, parseInstant, parseRole, requireText } from '../workflow/inputs';
import type { DrillRecord } from '../workflow/model';
import { sealRecords, type SealedRecords } from '../workflow/seal-records';
import { EXIT } from './exit-codes';
import type { Io } from './main';
import { readOnlyVault } from './download';
import { openVault } from './open-vault';
import { recordWith, type RecordVaultOptions, withRecordVault } from './record-vault';

/**
 * `evidence drill` and `evidence drill ack` (docs/cli.md §evidence drill, docs/drills.md):
 * adapters around the drill runner and the acknowledgement check. Every refusal that can be
 * known before the alarm is triggered (bad options, an unknown alarm, no SNS action, a vault
 * that could not take the record) comes first; nothing is written on a refusal.
 */
interface VaultFlags {
  vault: string;
  organization?: string;
  signingKey?: string;
  kmsKeyId?: string;
}
interface DrillFlags extends Omit<VaultFlags, 'vault'> {
  vault?: string;
  alarm?: string;
  chain?: string;
  region?: string;
  timeout: string;
  poll: string;
  recordedBy: string;
  resetToOk?: boolean;
}
interface AckFlags extends RecordVaultOptions {
  by: string;
  at?: string;
  note: string;
}

/** `90s`, `5m`, `1h` (at most `max` ms). */
export function parseDuration(value: string, option: string, max: number): number {
  const m = /^(\d+)(s|m|h)$/.exec(value);
  const ms = m ? Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'] : Number.NaN;
  if (!(ms >= 1000 && ms <= max)) throw new EvidenceError('USAGE', `${option}: '${value}' must be a duration like 90s, 5m or 1h, from 1s to ${max / 60_000}m`);
  return ms;
}

/** `drill`'s vault options; --vault is checked in the action (see below), not by Commander. */
function withDrillVault(command: Command): Command {
  return command
    .option('--vault <url>', 'file://DIR or s3://BUCKET/PREFIX (required)')
    .option('--organization <name>', 'organization name, needed only for a vault with no manifest yet')
    .addOption(new Option('--signing-key <pem>', 'local P-256 signing key file (the one that signs the vault)').env('EVIDENCE_SIGNING_KEY'))
    .addOption(new Option('--kms-key-id <id>', 'KMS key that signs the vault').env('EVIDENCE_KMS_KEY_ID'));
}

export function defaultDrillClients(region: string | undefined): DrillClients {
  const config = region ? { region } : {};
  return { cloudwatch: new CloudWatchClient(config), sns: new SNSClient(config), logs: new CloudWatchLogsClient(config) };
}

export function registerDrill(program: Command, io: Io, setCode: (code: number) => void, clientsFor = defaultDrillClients): void {
  // `drill` and `drill ack` both take --vault: with positional options (here and on the
  // program, which has no options of its own) the options after `ack` are ack's. Commander
  // checks a parent's mandatory options for its subcommands too, so `drill`'s own required
  // options (--vault, --alarm) are checked in its action.
  program.enablePositionalOptions();
  const drill = withDrillVault(program.command('drill'))
    .description("test an escalation chain for real: put a designated alarm into ALARM, read the alarm history and SNS delivery logs, seal the drill")
    .enablePositionalOptions()
    .option('--alarm <name>', 'the designated CloudWatch alarm whose SNS actions form the chain (required)')
    .option('--chain <name>', 'short name of the chain (default: the alarm name)')
    .option('--region <region>', 'the alarm\'s region (default: the SDK-configured region)')
    .option('--timeout <duration>', 'how long to wait for the action and every delivery', '5m')
    .option('--poll <duration>', 'how often to read the history and delivery logs', '2s')
    .option('--recorded-by <role>', 'role recording the drill', 'compliance-lead')
    .option('--reset-to-ok', 'set the alarm back to OK once the drill has been read')
    .action(async (flags: DrillFlags) => {
      for (const [name, value] of [['--vault <url>', flags.vault], ['--alarm <name>', flags.alarm]] as const) {
        if (value === undefined) throw new EvidenceError('USAGE', `required option '${name}' not specified`);
      }
      const o = flags as DrillFlags & { vault: string; alarm: string };
      const timeoutMs = parseDuration(o.timeout, '--timeout', 3_600_000);
      const pollMs = parseDuration(o.poll, '--poll', 300_000);
      const recordedBy = parseRole(o.recordedBy, '--recorded-by');
      if (o.chain !== undefined && o.chain.trim() === '') throw new EvidenceError('USAGE', '--chain: must not be empty');
      // Read-only checks and the chain first; the signer is opened (a new local key created) only
      // once the drill is sure to be recorded, just before the alarm is touched.
      const reader = readOnlyVault(o.vault);
      const head = await findHead(reader);
      const today = new Date().toISOString().slice(0, 10);
      if (head && head.date > today) throw new EvidenceError('CHAIN_CONFLICT', `${reader.url}: the chain already reaches ${head.date}; a drill recorded today (${today}) could not be sealed, so none is triggered`);
      if (!head && (o.organization ?? '').trim() === '') throw new EvidenceError('USAGE', `${reader.url}: the vault holds no manifest yet; name the organization with --organization`);
      const clients = clientsFor(o.region);
      const target = await resolveDrillTarget(clients, o.alarm, o.chain);
      const { vault, signer } = await openVault({ vault: o.vault, signingKey: o.signingKey, kmsKeyId: o.kmsKeyId });
      const record = await runDrill(clients, target, { alarmName: o.alarm, chain: o.chain, trigger: 'cli', recordedBy, timeoutMs, pollMs, resetToOk: o.resetToOk === true, warn: (t) => io.err(`evidence: warning: ${t}`) });
      let sealed: SealedRecords;
      try {
        sealed = await sealRecords(vault, signer, [record], { now: new Date(), organization: o.organization });
      } catch (e) {
        // The drill happened: never lose what it showed, even when the vault refuses it.
        io.err(`evidence: the drill ran but could not be sealed; its record follows:\n${JSON.stringify(record)}`);
        throw e;
      }
      io.out(drillLines(record, sealed, o.vault).join('\n'));
      setCode(record.outcome === 'pass' ? EXIT.OK : EXIT.DRILL_FAILED);
    });

  withRecordVault(drill.command('ack'))
    .description("seal on-call's acknowledgement of a drill's notification (time to acknowledge)")
    .argument('<id>', 'the drill id, as `evidence drill` printed it')
    .requiredOption('--by <role>', 'acknowledging role, e.g. on-call-primary')
    .option('--at <time>', 'when it was acknowledged, ISO 8601 with a zone (default: now)')
    .option('--note <text>', 'free text (no personal data)', '')
    .action(async (id: string, o: AckFlags) => {
      const now = new Date();
      const drillId = parseId(id, 'ID');
      const by = parseRole(o.by, '--by');
      const acknowledgedAt = new Date(o.at === undefined ? now.toISOString() : parseInstant(o.at, '--at'));
      const note = requireText(o.note, '--note');
      // Checked against the sealed records before the signer is opened (record-vault.ts): a refusal writes nothing.
      const sealed = await recordWith(o, now, (records) => [prepareDrillAck(records, { drillId, by, acknowledgedAt, note }, now)]);
      io.out([`Drill ${drillId} acknowledged by ${by} at ${acknowledgedAt.toISOString()}`, ...sealedRecordLines(sealed, o.vault)].join('\n'));
    });
}

function sealedRecordLines(sealed: SealedRecords, vaultUrl: string): string[] {
  return [
    ...sealed.records.map((r) => `  record       ${r.key} (sha256 ${r.sha256})`),
    `  sealed in    ${vaultUrl.replace(/\/+$/, '')}/${sealed.key}, sequence ${sealed.sequence}`,
  ];
}

export function drillLines(r: DrillRecord, sealed: SealedRecords, vaultUrl: string): string[] {
  const lines = [
    `Drill ${r.drillId}: ${r.outcome === 'pass' ? 'PASSED' : 'FAILED'} (chain ${r.chain.name}, alarm ${r.chain.alarmName} in ${r.chain.account} ${r.chain.region})`,
    `  triggered    ${r.triggeredAt}`,
    `  action       ${r.action.executed ? `executed at ${r.action.at ?? ''}` : 'NOT executed'}: ${r.action.summary}`,
    ...r.deliveries.map((d) => `  delivery     ${d.status.padEnd(20)} ${d.protocol} ${d.endpoint}${d.secondsAfterTrigger === null ? '' : ` after ${d.secondsAfterTrigger} s`}`),
    ...(r.secondsToDelivery === null ? [] : [`  delivered    every observable subscription within ${r.secondsToDelivery} s`]),
    ...r.failureReasons.map((x) => `  failure      ${x}`),
    ...sealedRecordLines(sealed, vaultUrl),
    `  acknowledge  evidence drill ack ${r.drillId} --vault ${vaultUrl} --by on-call-primary`,
  ];
  return lines;
}
