import { Option, type Command } from 'commander';
import { promises as fs } from 'node:fs';
import { loadCatalog } from '../catalog';
import { EvidenceError, describeError } from '../core/errors';
import { DOCUMENT_KINDS, type DocumentKind } from '../workflow/model';
import { parseId, parseInstant, parseRole, requireText } from '../workflow/inputs';
import { MAX_DOCUMENT_BYTES, prepareAttestation } from '../workflow/prepare-records';
import { parseDate, isoDate } from './dates';
import type { Io } from './main';
import { recordWith, sealedLines, withRecordVault, type RecordVaultOptions } from './record-vault';

/** `evidence attest FILE …` (docs/cli.md §evidence attest): seal a document with its hash, kind, owner and review date. */
interface AttestOptions extends RecordVaultOptions {
  kind: DocumentKind;
  control: string[];
  owner: string;
  nextReview: string;
  documentId?: string;
  version?: string;
  title?: string;
  effective?: string;
  recordedBy: string;
}

export function registerAttest(program: Command, io: Io): void {
  withRecordVault(
    program
      .command('attest')
      .description('seal a document (procedure, policy, tabletop minutes, …) into the vault with its SHA-256, kind, owner and next review date')
      .argument('<file>', 'the document (Markdown, PDF, anything) at most 16 MiB')
      .addOption(new Option('--kind <kind>', 'what the document is').choices([...DOCUMENT_KINDS]).makeOptionMandatory())
      .requiredOption('--control <id...>', 'catalog control id(s) the document evidences')
      .requiredOption('--owner <role>', 'owning role, e.g. compliance-lead')
      .requiredOption('--next-review <date>', 'next scheduled review (YYYY-MM-DD)')
      .option('--document-id <id>', 'stable id across versions (default: from the file name); notification-policy is checked as a policy')
      .option('--version <label>', "the document's version label (default: sha256: and 12 hex digits)")
      .option('--title <text>', 'title (default: the first Markdown heading, else the file name)')
      .option('--effective <time>', 'when this version takes effect, ISO 8601 with a zone (default: now)')
      .option('--recorded-by <role>', 'role recording it', 'compliance-lead'),
  ).action(async (file: string, o: AttestOptions) => {
    const now = new Date();
    const nextReview = isoDate(parseDate(o.nextReview, '--next-review'));
    const owner = parseRole(o.owner, '--owner');
    const recordedBy = parseRole(o.recordedBy, '--recorded-by');
    const effectiveAt = o.effective === undefined ? undefined : parseInstant(o.effective, '--effective');
    const documentId = o.documentId === undefined ? undefined : parseId(o.documentId, '--document-id');
    if (o.version !== undefined) requireText(o.version, '--version', 64);
    if (o.title !== undefined) requireText(o.title, '--title', 300);
    const bytes = await readDocument(file);
    const known = new Set((await loadCatalog()).catalog.controls.map((c) => c.id));
    const result = await recordWith(o, now, () => [
      prepareAttestation({ file, bytes, documentKind: o.kind, controls: o.control, owner, nextReview, documentId, version: o.version, title: o.title, effectiveAt, recordedBy }, now, known),
    ]);
    const r = result.records[0]?.record;
    sealedLines(io, `Attested ${file}${r?.kind === 'attestation' ? `: ${r.documentKind} ${r.documentId} version ${r.version}, sha256 ${r.sha256}, owner ${r.owner}, next review ${r.nextReview}` : ''}`, result, o.vault);
  });
}

async function readDocument(file: string): Promise<Buffer> {
  const stat = await fs.stat(file).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EvidenceError('INPUT_UNREADABLE', `${file}: cannot read the document (${code === 'ENOENT' ? 'no such file' : (code ?? describeError(e))})`, { cause: e });
  });
  if (!stat.isFile()) throw new EvidenceError('INPUT_UNREADABLE', `${file}: not a regular file`);
  if (stat.size > MAX_DOCUMENT_BYTES) throw new EvidenceError('USAGE', `${file}: ${stat.size} bytes; documents up to ${MAX_DOCUMENT_BYTES} bytes can be sealed`);
  return fs.readFile(file);
}
