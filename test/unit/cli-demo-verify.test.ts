import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { STACK_TRACE, runCli } from '../support/cli';
import { useTempDir } from '../support/temp';

describe('evidence demo, then evidence verify', () => {
  const tmp = useTempDir();

  it('seals N simulated days that verify intact, with every signature checked by openssl', async () => {
    const demo = await runCli(['demo', '--out', tmp(), '--days', '3', '--start', '2026-10-01']);
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('2026-10-01 to 2026-10-03 (3 days)');
    expect(demo.out).toMatch(/verified\s+intact/);
    const vault = path.join(tmp(), 'vault');
    const manifests = (await fs.readdir(path.join(vault, 'manifests'))).sort();
    expect(manifests).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    for (const day of manifests) {
      for (const f of (await fs.readdir(path.join(vault, 'manifests', day))).filter((x) => x.endsWith('.json'))) {
        const m = path.join(vault, 'manifests', day, f);
        expect(execFileSync('openssl', ['dgst', '-sha256', '-verify', path.join(vault, 'public-key.pem'), '-signature', `${m}.sig`, m]).toString()).toBe('Verified OK\n');
      }
    }
    const verify = await runCli(['verify', vault, '--json']);
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.out) as { ok: boolean; manifests: number; days: string[] };
    // Three daily runs, the notification policy and procedure the sample organization attests on
    // its first day, and that day's escalation drill and on-call's acknowledgement of it.
    expect(report).toMatchObject({ ok: true, manifests: 7, days: ['2026-10-01', '2026-10-02', '2026-10-03'] });
    expect(demo.out).toMatch(/ 1 drill\(s\), /);
  });

  it('exits 1 and names the code and the file when an artifact is changed', async () => {
    await runCli(['demo', '--out', tmp(), '--days', '2']);
    const vault = path.join(tmp(), 'vault');
    const dir = path.join(vault, 'artifacts', 'sha256');
    const shard = (await fs.readdir(dir))[0]!;
    const file = path.join(dir, shard, (await fs.readdir(path.join(dir, shard)))[0]!);
    await fs.chmod(file, 0o644);
    await fs.appendFile(file, ' ');
    const verify = await runCli(['verify', vault]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('ARTIFACT_HASH_MISMATCH');
    expect(verify.out).toContain(path.relative(vault, file));
  });

  it('exits 1 with PUBLIC_KEY_MISMATCH when the vault is not signed by the given key', async () => {
    await runCli(['demo', '--out', tmp(), '--days', '1']);
    const other = path.join(tmp(), 'other.pem');
    await fs.writeFile(other, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }));
    const verify = await runCli(['verify', path.join(tmp(), 'vault'), '--public-key', other]);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('PUBLIC_KEY_MISMATCH');
  });

  it('refuses to write a demo into a vault that already holds evidence', async () => {
    await runCli(['demo', '--out', tmp(), '--days', '1']);
    const again = await runCli(['demo', '--out', tmp(), '--days', '1']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already holds evidence');
  });
});

describe('usage errors exit 2 with a message and no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown command', ['frobnicate'], /unknown command/],
    ['unknown option', ['verify', '.', '--nope'], /unknown option/],
    ['bad --days', ['demo', '--out', 'never-written', '--days', 'ten'], /--days: 'ten'/],
    ['bad --start', ['demo', '--out', 'never-written', '--start', '2026-02-30'], /--start: '2026-02-30' is not a calendar date/],
    ['bad vault URL', ['collect', '--vault', 'ftp://x', '--date', '2026-07-01'], /unsupported vault URL 'ftp:\/\/x'/],
    ['s3 vault without a key', ['collect', '--vault', 's3://bucket-name/p', '--date', '2026-07-01'], /needs --kms-key-id/],
    ['verify a path that does not exist', ['verify', '/nonexistent/vault'], /nonexistent/],
    ['unreadable --public-key', ['verify', '.', '--public-key', '/nonexistent.pem'], /--public-key: cannot read \/nonexistent.pem/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(`${r.err}\n${r.out}`).toMatch(message);
    expect(`${r.err}\n${r.out}`).not.toMatch(STACK_TRACE);
  });
});
