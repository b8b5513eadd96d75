import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exitCodeFor, extractPackZip, verifyPack, type VerifyReport } from '../../src/verify';
import { TEST_PACK_NAME, writeSums, writeTestPack, zipPack } from '../support/pack-builder-for-tests';

/**
 * A pack zip is hostile input (docs/verification.md §Verifying a pack, zip): it is verified by
 * reading its entries in place, and extractPackZip refuses an unsafe zip before writing a byte.
 * Hostile names are written over a same-length placeholder, since zip writers refuse to make them.
 */
let parent: string;
let pack: string;
beforeAll(() => {
  parent = mkdtempSync(path.join(tmpdir(), 'ev-packzip-'));
  pack = writeTestPack(parent).dir;
});
afterAll(() => rmSync(parent, { recursive: true, force: true }));

let n = 0;
async function zipWith(extra: Array<{ name: string; data?: Buffer; mode?: number }>, rename: Array<[string, string]> = []): Promise<string> {
  const file = path.join(parent, `case-${(n += 1)}.zip`);
  await zipPack(pack, file, extra.map((e) => ({ name: e.name, data: e.data ?? Buffer.from('payload'), mode: e.mode })));
  const bytes = readFileSync(file);
  for (const [from, to] of rename) {
    expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
    for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, i + 1)) bytes.write(to, i);
  }
  writeFileSync(file, bytes);
  return file;
}

const codes = (r: VerifyReport): string[] => [...new Set(r.failures.map((f) => f.code))].sort();
const TOP = TEST_PACK_NAME;

describe('verifyPack on a zip with an unsafe entry: ZIP_UNSAFE_ENTRY', () => {
  it.each<[string, { name: string; mode?: number }, Array<[string, string]>]>([
    ['`..` escaping the folder', { name: 'QQ/evil.txt' }, [['QQ/evil.txt', '../evil.txt']]],
    ['`..` inside the folder', { name: `${TOP}/manifests/QQ/QQ/evil.txt` }, [[`${TOP}/manifests/QQ/QQ/evil.txt`, `${TOP}/manifests/../../evil.txt`]]],
    ['an absolute path', { name: 'Qtmp/evil.txt' }, [['Qtmp/evil.txt', '/tmp/evil.txt']]],
    ['a backslash', { name: `${TOP}/QQQevil.txt` }, [[`${TOP}/QQQevil.txt`, `${TOP}/..\\evil.txt`]]],
    ['a drive letter', { name: 'QQ/evil.txt' }, [['QQ/evil.txt', 'C:/evil.txt']]],
    ['a symlink', { name: `${TOP}/link`, mode: 0o120777 }, []],
    ['outside the single top folder', { name: 'another-folder/x.txt' }, []],
    ['a duplicate name', { name: `${TOP}/QEADME.txt` }, [[`${TOP}/QEADME.txt`, `${TOP}/README.txt`]]],
  ])('%s', async (_what, entry, rename) => {
    const zip = await zipWith([entry], rename);
    const report = await verifyPack(zip, {});
    expect(codes(report)).toContain('ZIP_UNSAFE_ENTRY');
    expect(codes(report).filter((c) => !['ZIP_UNSAFE_ENTRY', 'SUMS_INCOMPLETE'].includes(c))).toEqual([]);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('extractPackZip writes nothing anywhere for a zip with `../evil.txt`', async () => {
    const zip = await zipWith([{ name: 'QQ/evil.txt' }], [['QQ/evil.txt', '../evil.txt']]);
    const outer = mkdtempSync(path.join(parent, 'outer-'));
    const target = path.join(outer, 'target');
    mkdirSync(target);
    const result = await extractPackZip(zip, target);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failures.map((f) => f.code)).toContain('ZIP_UNSAFE_ENTRY');
    expect(readdirSync(outer)).toEqual(['target']);
    expect(readdirSync(target)).toEqual([]);
    expect(existsSync(path.join(outer, 'evil.txt'))).toBe(false);
    expect(existsSync(path.join(parent, 'evil.txt'))).toBe(false);
  });
});

describe('extractPackZip of a good zip', () => {
  it('places the pack folder, which then verifies', async () => {
    const zip = await zipWith([]);
    const target = mkdtempSync(path.join(parent, 'dl-'));
    const result = await extractPackZip(zip, target);
    expect(result).toEqual({ ok: true, dir: path.join(target, TOP) });
    expect(readdirSync(target)).toEqual([TOP]);
    expect((await verifyPack(path.join(target, TOP), {})).failures).toEqual([]);
    // Never over an existing folder.
    const again = await extractPackZip(zip, target);
    expect(again.ok).toBe(false);
    expect(readdirSync(target)).toEqual([TOP]);
  });
});

describe('verifyPack on a malformed zip: ZIP_MALFORMED', () => {
  it('a file that is not a zip', async () => {
    const file = path.join(parent, 'not-a.zip');
    writeFileSync(file, 'PK but not really a zip');
    const report = await verifyPack(file, {});
    expect(codes(report)).toEqual(['ZIP_MALFORMED']);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('a zip bomb: report.pdf declared 60 bytes, inflating to 100 MiB, stops at its declared size', async () => {
    const bomb = path.join(parent, 'bomb-pack');
    rmSync(bomb, { recursive: true, force: true });
    const dir = path.join(bomb, TOP);
    mkdirSync(bomb);
    cpSync(pack, dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.pdf'), Buffer.alloc(100 * 1024 * 1024));
    const file = path.join(parent, 'bomb.zip');
    await zipPack(dir, file);
    const bytes = readFileSync(file);
    const name = `${TOP}/report.pdf`;
    for (let i = bytes.indexOf('PK\u0001\u0002'); i !== -1; i = bytes.indexOf('PK\u0001\u0002', i + 4)) {
      if (bytes.toString('utf8', i + 46, i + 46 + bytes.readUInt16LE(i + 28)) === name) bytes.writeUInt32LE(60, i + 24);
    }
    writeFileSync(file, bytes);
    const started = Date.now();
    const memory = process.memoryUsage().rss;
    const report = await verifyPack(file, {});
    expect(codes(report)).toEqual(['ZIP_MALFORMED']);
    expect(report.failures[0]?.file).toBe('report.pdf');
    expect(process.memoryUsage().rss - memory).toBeLessThan(64 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('verifyPack reads large entries as streams and small ones in place', () => {
  function packWithReport(label: string, report: Buffer): string {
    const dir = path.join(parent, label, TOP);
    rmSync(path.join(parent, label), { recursive: true, force: true });
    mkdirSync(path.join(parent, label));
    cpSync(pack, dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.pdf'), report);
    writeSums(dir);
    return dir;
  }
  const big = randomBytes(12 * 1024 * 1024); // past the size read in one piece

  it('a 12 MiB entry verifies, and the zip is closed once', async () => {
    const file = path.join(parent, 'big.zip');
    await zipPack(packWithReport('big', big), file);
    const report = await verifyPack(file, {});
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a 12 MiB entry changed after SHA256SUMS was signed: SUMS_MISMATCH', async () => {
    const dir = packWithReport('big-changed', big);
    const changed = Buffer.from(big);
    changed[7 * 1024 * 1024] = (changed[7 * 1024 * 1024] as number) ^ 1;
    writeFileSync(path.join(dir, 'report.pdf'), changed);
    const file = path.join(parent, 'big-changed.zip');
    await zipPack(dir, file);
    const report = await verifyPack(file, {});
    expect(codes(report)).toEqual(['SUMS_MISMATCH']);
    expect(report.failures[0]?.file).toBe('report.pdf');
  });

  it('an artifact entry whose CRC-32 does not match its data: ZIP_MALFORMED for that entry only', async () => {
    const file = path.join(parent, 'crc.zip');
    await zipPack(pack, file);
    const bytes = readFileSync(file);
    let victim = '';
    for (let i = bytes.indexOf('PK\u0001\u0002'); i !== -1 && victim === ''; i = bytes.indexOf('PK\u0001\u0002', i + 4)) {
      const name = bytes.toString('utf8', i + 46, i + 46 + bytes.readUInt16LE(i + 28));
      if (name.includes('/artifacts/sha256/')) {
        bytes.writeUInt32LE((bytes.readUInt32LE(i + 16) ^ 1) >>> 0, i + 16);
        victim = name.slice(TOP.length + 1);
      }
    }
    writeFileSync(file, bytes);
    const report = await verifyPack(file, {});
    expect(codes(report)).toEqual(['ZIP_MALFORMED']);
    expect(report.failures.map((f) => f.file)).toEqual([victim]);
    expect(report.failures[0]?.message).toMatch(/has CRC-32 \d+, its header declares \d+/);
  });
});

