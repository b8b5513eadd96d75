import { Option, type Command } from 'commander';
import { EvidenceError } from '../core/errors';
import { evaluateDeadlines } from '../workflow/deadlines';
import { policyInForce } from '../workflow/in-force';
import { buildIncidents } from '../workflow/incidents';
import { parseId, parseInstant, notInFuture, parseRole, parseYesNo, requireText } from '../workflow/inputs';
import { loadRecords } from '../workflow/load-records';
import { INCIDENT_EVENT_TYPES, SEVERITIES, type Detection, type IncidentEventType, type Severity } from '../workflow/model';
import { prepareDetection, prepareEvent } from '../workflow/prepare-incident';
import type { Io } from './main';
import { readOnlyVault } from './download';
import { recordWith, sealedLines, withRecordVault, type RecordVaultOptions } from './record-vault';

/**
 * `evidence incident open|event|close|show` (docs/cli.md §evidence incident): an incident as
 * append-only sealed events, each checked against the incident's sealed timeline first.
 */
interface OpenOptions extends RecordVaultOptions {
  detectedAt: string;
  source: string;
  severity: Severity;
  customerData: string;
  regulatorRequired: string;
  summary: string;
  id?: string;
  externalRef?: string;
  note: string;
  recordedBy: string;
}

interface EventOptions extends RecordVaultOptions {
  type: Exclude<IncidentEventType, 'detected'>;
  at?: string;
  corrects?: string;
  note: string;
  recordedBy: string;
  customerData?: string;
  regulatorRequired?: string;
  severity?: Severity;
}

const EVENT_TYPES = INCIDENT_EVENT_TYPES.filter((t) => t !== 'detected');

export function registerIncident(program: Command, io: Io): void {
  const incident = program.command('incident').description('record an incident as append-only sealed events, evaluated against the notification deadlines');

  withRecordVault(
    incident
      .command('open')
      .description('open an incident: the detection (when, how, severity, whether student or customer data may be involved)')
      .requiredOption('--detected-at <time>', 'when it was detected, ISO 8601 with a zone')
      .requiredOption('--source <text>', 'how it was detected, e.g. guardduty:UnauthorizedAccess:S3/TorIPCaller or customer-report')
      .addOption(new Option('--severity <level>', 'severity').choices([...SEVERITIES]).makeOptionMandatory())
      .requiredOption('--customer-data <yes|no>', 'whether student or customer data may be involved')
      .option('--regulator-required <yes|no>', "whether a customer's contract or law requires telling a regulator", 'no')
      .requiredOption('--summary <text>', 'what happened (no personal data)')
      .option('--id <id>', 'incident id (default INC-YYYYMMDD- and 6 hex digits)')
      .option('--external-ref <ref>', 'e.g. the GuardDuty finding id')
      .option('--note <text>', 'e.g. why no customer data is involved', '')
      .option('--recorded-by <role>', 'role recording it', 'on-call'),
  ).action(async (o: OpenOptions) => {
    const now = new Date();
    const at = notInFuture(parseInstant(o.detectedAt, '--detected-at'), now, '--detected-at');
    const detection: Detection = {
      source: requireText(o.source, '--source', 300),
      severity: o.severity,
      customerData: parseYesNo(o.customerData, '--customer-data'),
      regulatorRequired: parseYesNo(o.regulatorRequired, '--regulator-required'),
      summary: requireText(o.summary, '--summary'),
      externalRef: o.externalRef === undefined ? null : requireText(o.externalRef, '--external-ref', 300),
    };
    const input = { incidentId: o.id === undefined ? undefined : parseId(o.id, '--id'), at, detection, note: requireText(o.note, '--note'), recordedBy: parseRole(o.recordedBy, '--recorded-by') };
    const result = await recordWith(o, now, (sealed) => [prepareDetection(sealed, input, now)]);
    const r = result.records[0]?.record;
    sealedLines(io, `Opened incident ${r?.kind === 'incident-event' ? r.incidentId : ''} detected at ${at}`, result, o.vault);
  });

  const recordEvent = async (id: string, o: EventOptions): Promise<void> => {
    const now = new Date();
    const at = notInFuture(o.at === undefined ? now.toISOString() : parseInstant(o.at, '--at'), now, '--at');
    const detectionChanges = correctedDetection(o);
    const input = { incidentId: parseId(id, 'INCIDENT'), event: o.type, at, corrects: o.corrects, detectionChanges, note: requireText(o.note, '--note'), recordedBy: parseRole(o.recordedBy, '--recorded-by') };
    const result = await recordWith(o, now, (sealed) => [prepareEvent(sealed, input, now)]);
    sealedLines(io, `Recorded ${o.type} of incident ${id} at ${at}`, result, o.vault);
  };

  withRecordVault(
    incident
      .command('event')
      .description('record an event of an incident (escalated, customers-notified, regulator-notified, contained, closed, correction)')
      .argument('<incident>', 'incident id')
      .addOption(new Option('--type <event>', 'the event').choices(EVENT_TYPES).makeOptionMandatory())
      .option('--at <time>', 'when it happened, ISO 8601 with a zone (default: now)')
      .option('--corrects <sha256>', "for --type correction: the corrected event's SHA-256 (or 8+ leading hex digits)")
      .option('--customer-data <yes|no>', 'for a correction of the detection: corrected fact')
      .option('--regulator-required <yes|no>', 'for a correction of the detection: corrected fact')
      .addOption(new Option('--severity <level>', 'for a correction of the detection: corrected severity').choices([...SEVERITIES]))
      .option('--note <text>', 'who was told by which channel, or why (no personal data)', '')
      .option('--recorded-by <role>', 'role recording it', 'incident-lead'),
  ).action(recordEvent);

  withRecordVault(
    incident
      .command('close')
      .description('close an incident (an event of type closed)')
      .argument('<incident>', 'incident id')
      .option('--at <time>', 'when it was closed, ISO 8601 with a zone (default: now)')
      .option('--note <text>', 'e.g. the post-incident review reference', '')
      .option('--recorded-by <role>', 'role recording it', 'incident-lead'),
  ).action((id: string, o: Omit<EventOptions, 'type'>) => recordEvent(id, { ...o, type: 'closed' }));

  incident
    .command('show')
    .description("print an incident's timeline (every event with its SHA-256) and each deadline: met, missed by how much, running or skipped")
    .argument('<incident>', 'incident id')
    .requiredOption('--vault <url>', 'file://DIR or s3://BUCKET/PREFIX')
    .action(async (id: string, o: { vault: string }) => {
      const now = new Date().toISOString();
      // Reading only: no signer, so no signing key is created beside a local vault.
      const vault = readOnlyVault(o.vault);
      const records = await loadRecords(vault);
      const found = buildIncidents(records).find((i) => i.id === id);
      if (found === undefined) throw new EvidenceError('USAGE', `unknown incident '${id}' in ${vault.url}`);
      const policy = policyInForce(records, now);
      const d = found.detection;
      io.out(`Incident ${found.id}: ${d.severity}, ${d.source}; customer data ${d.customerData ? 'may be involved' : 'not involved'}; ${d.summary}`);
      for (const e of found.events) io.out(`  ${e.at}  ${e.event.padEnd(18)} ${e.sha256.slice(0, 12)}  by ${e.recordedBy}${e.correctedBy.length > 0 ? ` (corrected from ${e.originalAt})` : ''}${e.note === '' ? '' : `  ${e.note}`}`);
      io.out(`Deadlines (${policy.label}):`);
      for (const r of evaluateDeadlines(found, policy.policy, now)) io.out(`  ${r.title.padEnd(24)} ${r.status.padEnd(8)} ${r.reason}`);
    });
}

function correctedDetection(o: EventOptions): Partial<Detection> | undefined {
  if (o.customerData === undefined && o.regulatorRequired === undefined && o.severity === undefined) return undefined;
  if (o.type !== 'correction') throw new EvidenceError('USAGE', '--customer-data, --regulator-required and --severity correct a detection: use --type correction');
  return {
    ...(o.customerData === undefined ? {} : { customerData: parseYesNo(o.customerData, '--customer-data') }),
    ...(o.regulatorRequired === undefined ? {} : { regulatorRequired: parseYesNo(o.regulatorRequired, '--regulator-required') }),
    ...(o.severity === undefined ? {} : { severity: o.severity }),
  };
}
