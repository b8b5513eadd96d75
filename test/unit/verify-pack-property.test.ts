import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { verifyPack } from '../../src/verify';
import { listFiles, writeTestPack } from '../support/pack-builder-for-tests';

/**
 * STYLE.md §10: no single-byte change to any file of a good pack verifies. And the pack's
 * SHA256SUMS is real coreutils format: `sha256sum -c` accepts the good pack and rejects a swap.
 */
let parent: string;
let dir: string;
let files: string[];
beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'ev-packprop-'));
  dir = writeTestPack(parent).dir;
  files = listFiles(dir);
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('any single-byte change to a good pack fails verification (property)', () => {
  it('covers every kind of file of the pack', () => {
    expect(files).toEqual(expect.arrayContaining(['pack.json', 'pack.json.sig', 'SHA256SUMS', 'SHA256SUMS.sig', 'report.pdf', 'README.txt', 'public-key.pem', 'oscal/assessment-results.json']));
    expect(files.filter((f) => f.startsWith('manifests/'))).toHaveLength(8);
  });

  it('fails for a change at any offset of any file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 1, max: 255 }), async (which, where, xor) => {
        const target = path.join(dir, files[which % files.length] as string);
        const original = readFileSync(target);
        const changed = Buffer.from(original);
        const offset = Math.floor(where * original.length);
        changed[offset] = (changed[offset] as number) ^ xor;
        writeFileSync(target, changed);
        try {
          const report = await verifyPack(dir, {});
          expect(report.ok).toBe(false);
        } finally {
          writeFileSync(target, original);
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('sha256sum -c SHA256SUMS (GNU coreutils)', () => {
  const check = (): { ok: boolean; out: string } => {
    try {
      return { ok: true, out: execFileSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' }) };
    } catch (e) {
      return { ok: false, out: String((e as { stdout?: string }).stdout ?? '') };
    }
  };

  it('passes on a good pack', () => {
    const result = check();
    expect(result.ok).toBe(true);
    expect(result.out).toContain('report.pdf: OK');
  });

  it('fails on a pack whose report.pdf was swapped', () => {
    const pdf = path.join(dir, 'report.pdf');
    const original = readFileSync(pdf);
    writeFileSync(pdf, '%PDF-1.4\n% another report\n%%EOF\n');
    try {
      const result = check();
      expect(result.ok).toBe(false);
      expect(result.out).toContain('report.pdf: FAILED');
    } finally {
      writeFileSync(pdf, original);
    }
  });
});
