import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ARTIFACT_SCHEMA, encodeArtifact } from '../../src/core/artifact';
import { canonicalBytes } from '../../src/core/canonical';
import { sha256Hex } from '../../src/core/hash';
import { checkRecord, decodeRecord, documentBytes, encodeRecord } from '../../src/workflow/records';
import { sampleAttestation, sampleDetected, sampleDrill, sampleDrillAck, sampleReview } from '../support/workflow-records';
import { useTempDir } from '../support/temp';

describe('workflow records v1', () => {
  const tmp = useTempDir();
  const all = [sampleAttestation(), sampleDetected(), sampleDrill(), sampleDrillAck(), sampleReview()];

  it.each(all.map((r) => [r.kind, r] as const))('a %s record round-trips through its artifact', (_kind, record) => {
    const sealed = encodeRecord(record);

    const decoded = decodeRecord(sealed.bytes);

    expect(decoded).toEqual({ ok: true, record });
    expect(sealed.sha256).toBe(sha256Hex(sealed.bytes));
    expect(sealed.key).toBe(`artifacts/sha256/${sealed.sha256.slice(0, 2)}/${sealed.sha256}.json`);
  });

  it("an attested document can be extracted and checked with sha256sum", async () => {
    const record = sampleAttestation();
    const decoded = decodeRecord(encodeRecord(record).bytes);
    if (!decoded.ok || decoded.record.kind !== 'attestation') throw new Error('expected an attestation');
    const file = path.join(tmp(), decoded.record.fileName);
    await fs.writeFile(file, documentBytes(decoded.record));

    const out = execFileSync('sha256sum', [file], { encoding: 'utf8' });

    expect(out.slice(0, 64)).toBe(record.sha256);
  });

  it.each([
    ['attestation whose hash does not match its content', sampleAttestation({ sha256: 'a'.repeat(64) }), '$.sha256'],
    ['attestation with a personal name as owner', sampleAttestation({ owner: 'Jane Doe' }), '$.owner'],
    ['correction without the event it corrects', sampleDetected({ event: 'correction' }), '$.corrects'],
    ['detected event without detection facts', sampleDetected({ detection: null }), '$.detection'],
    ['event time that is not UTC ISO', sampleDetected({ at: '2026-10-10 03:12' }), '$.at'],
    ['passed drill with failure reasons', sampleDrill({ failureReasons: ['x'] }), '$.failureReasons'],
    ['failed drill without a reason', sampleDrill({ outcome: 'fail' }), '$.failureReasons'],
    ['drill ack with a bad time', sampleDrillAck({ acknowledgedAt: '2026-02-30T00:00:00.000Z' }), '$.acknowledgedAt'],
    ['review of a bad quarter', sampleReview({ quarter: '2026-Q5' }), '$.quarter'],
  ])('refuses an %s, naming the field', (_name, record, field) => {
    const checked = checkRecord(record);

    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.join('\n')).toContain(field);
    expect(() => encodeRecord(record)).toThrow(field);
  });

  it('refuses an unknown member in a record read back from a vault', () => {
    const good = JSON.parse(encodeRecord(sampleReview()).bytes.toString('utf8')) as { response: Record<string, unknown> };
    good.response.extra = 1;
    const decoded = decodeRecord(canonicalBytes(good as never));

    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problems.join('\n')).toContain('extra');
  });

  it('refuses an artifact that is not a workflow record', () => {
    const other = encodeArtifact({ schema: ARTIFACT_SCHEMA, request: { service: 's3', operation: 'ListBuckets', input: {}, account: '111122223333', region: 'us-east-1' }, response: {} });

    const decoded = decodeRecord(other.bytes);

    expect(decoded).toEqual({ ok: false, problems: [expect.stringContaining('not a workflow record artifact')] });
  });

  it('refuses a record filed under another subject', () => {
    const value = JSON.parse(encodeRecord(sampleDrillAck()).bytes.toString('utf8')) as { request: { input: { subject: string } } };
    value.request.input.subject = 'drill-other';

    const decoded = decodeRecord(canonicalBytes(value));

    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problems[0]).toContain('$.request.input');
  });
});
