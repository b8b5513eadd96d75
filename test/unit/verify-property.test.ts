import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { verifyVault } from '../../src/verify';

/**
 * STYLE.md §10: no random mutation of a good vault verifies. Any single byte of any file of the
 * golden vault (artifact, manifest, signature, public key), changed to any other value, must
 * make verification fail, with or without the key given out of band.
 */
const GOLDEN_V1 = path.join(__dirname, '..', 'golden', 'vault-v1');
const FILES = (readdirSync(GOLDEN_V1, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
  .filter((d) => d.isFile())
  .map((d) => path.relative(GOLDEN_V1, path.join(d.parentPath, d.name)))
  .sort();

describe('any single-byte change to the golden vault fails verification (property)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ev-property-'));
    cpSync(GOLDEN_V1, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('covers every kind of file of the vault', () => {
    expect(FILES).toHaveLength(13);
  });

  it('fails for a change at any offset of any file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        async (file, where, xor, giveKey) => {
          const target = path.join(dir, file);
          const original = readFileSync(target);
          const changed = Buffer.from(original);
          const offset = Math.floor(where * original.length);
          changed[offset] = (changed[offset] as number) ^ xor;
          writeFileSync(target, changed);
          try {
            const publicKeyPem = giveKey ? readFileSync(path.join(GOLDEN_V1, 'public-key.pem'), 'utf8') : undefined;
            const report = await verifyVault(dir, publicKeyPem === undefined ? {} : { publicKeyPem });
            expect(report.ok).toBe(false);
            expect(report.failures.length).toBeGreaterThan(0);
          } finally {
            writeFileSync(target, original);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fails for a whitespace change in public-key.pem that keeps the same key', async () => {
    const target = path.join(dir, 'public-key.pem');
    const original = readFileSync(target);
    writeFileSync(target, Buffer.from(original.toString('utf8').replace(/\n$/, '\r')));
    try {
      const report = await verifyVault(dir, {});
      expect(report.failures.map((f) => f.code)).toContain('PUBLIC_KEY_INVALID');
    } finally {
      writeFileSync(target, original);
    }
  });
});
