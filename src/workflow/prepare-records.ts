import * as path from 'node:path';
import { EvidenceError } from '../core/errors';
import { sha256Hex } from '../core/hash';
import type { AttestationRecord, DocumentKind, QuarterlyReviewRecord } from './model';
import { POLICY_DOCUMENT_ID, parsePolicy } from './policy';

/**
 * The attestation and review records from what the user gave (docs/cli.md §evidence attest,
 * §evidence review sign), every refusal naming the option. Pure: bytes, clock and the catalog's
 * control ids are arguments.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

export interface AttestInput {
  file: string;
  bytes: Buffer;
  documentKind: DocumentKind;
  controls: readonly string[];
  owner: string;
  nextReview: string;
  documentId?: string;
  version?: string;
  title?: string;
  effectiveAt?: string;
  recordedBy: string;
}

const MEDIA_TYPES: Record<string, string> = { '.md': 'text/markdown', '.markdown': 'text/markdown', '.pdf': 'application/pdf', '.json': 'application/json', '.txt': 'text/plain', '.html': 'text/html', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

export function prepareAttestation(input: AttestInput, now: Date, knownControls: ReadonlySet<string>): AttestationRecord {
  if (input.bytes.length === 0) throw new EvidenceError('USAGE', `${input.file}: the file is empty; nothing to attest`);
  if (input.bytes.length > MAX_DOCUMENT_BYTES) throw new EvidenceError('USAGE', `${input.file}: ${input.bytes.length} bytes; documents up to ${MAX_DOCUMENT_BYTES} bytes can be sealed`);
  if (input.controls.length === 0) throw new EvidenceError('USAGE', '--control: name at least one catalog control the document evidences');
  const unknown = input.controls.filter((c) => !knownControls.has(c));
  if (unknown.length > 0) throw new EvidenceError('USAGE', `--control: unknown control id(s) ${unknown.join(', ')}; 'evidence controls' lists the catalog`);
  const fileName = path.basename(input.file);
  const documentId = input.documentId ?? defaultDocumentId(fileName);
  if (documentId === POLICY_DOCUMENT_ID) parsePolicy(input.bytes, input.file); // a policy that does not parse is refused here
  const effectiveAt = input.effectiveAt ?? now.toISOString();
  const today = now.toISOString().slice(0, 10);
  if (input.nextReview <= today) throw new EvidenceError('USAGE', `--next-review: ${input.nextReview} is not after today (${today}); the next review must be scheduled ahead`);
  if (input.nextReview <= effectiveAt.slice(0, 10)) throw new EvidenceError('USAGE', `--next-review: ${input.nextReview} is not after the document takes effect (${effectiveAt})`);
  return {
    kind: 'attestation',
    documentId,
    documentKind: input.documentKind,
    version: input.version ?? `sha256:${sha256Hex(input.bytes).slice(0, 12)}`,
    title: input.title ?? defaultTitle(input.bytes, fileName),
    fileName,
    mediaType: MEDIA_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream',
    sha256: sha256Hex(input.bytes),
    bytes: input.bytes.length,
    contentBase64: input.bytes.toString('base64'),
    controls: [...new Set(input.controls)].sort(),
    owner: input.owner,
    effectiveAt,
    nextReview: input.nextReview,
    recordedAt: now.toISOString(),
    recordedBy: input.recordedBy,
  };
}

/** `Notification Procedure (v2).md` → `notification-procedure-v2`. */
export function defaultDocumentId(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return stem === '' ? 'document' : stem.slice(0, 128);
}

/** The first Markdown heading, else the file name. */
function defaultTitle(bytes: Buffer, fileName: string): string {
  const heading = /^#\s+(.+)$/m.exec(bytes.subarray(0, 4096).toString('utf8'))?.[1]?.trim();
  return (heading !== undefined && heading !== '' && /\.(md|markdown|txt)$/i.test(fileName) ? heading : fileName).slice(0, 300);
}

export interface ReviewInput {
  quarter: string;
  quarterStart: string;
  reviewer: string;
  statement: string;
  signedAt?: string;
}

export function prepareReview(input: ReviewInput, now: Date): QuarterlyReviewRecord {
  if (input.statement.trim() === '') throw new EvidenceError('USAGE', '--statement: the review needs a statement of what was reviewed and concluded');
  const signedAt = input.signedAt ?? now.toISOString();
  if (signedAt.slice(0, 10) < input.quarterStart) throw new EvidenceError('USAGE', `--quarter: ${input.quarter} starts on ${input.quarterStart}; a review of it cannot be signed before (${signedAt})`);
  return { kind: 'quarterly-review', quarter: input.quarter, reviewer: input.reviewer, statement: input.statement, signedAt, recordedAt: now.toISOString() };
}
