import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { useTempDir } from '../support/temp';

/**
 * `evidence demo` ends with its quarter's pack (docs/cli.md): DIR/pack and DIR/pack.zip, which
 * `evidence verify` reports intact (exit 0), with the vault's key given or not. The three days
 * 2026-09-28 … 2026-09-30 are the end of 2026-Q3, whose chain starts inside the quarter.
 */
describe('evidence demo leaves a pack that verifies', () => {
  const tmp = useTempDir('ev-demo-pack-');

  it('--days 3 --start 2026-09-28: DIR/pack and DIR/pack.zip verify with exit 0', async () => {
    const demo = await runCli(['demo', '--out', tmp(), '--days', '3', '--start', '2026-09-28']);
    expect(demo.err).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/pack check\s+verified \(folder and zip\)/);
    const dir = path.join(tmp(), 'pack');
    const zip = path.join(tmp(), 'pack.zip');
    expect(existsSync(path.join(dir, 'pack.json'))).toBe(true);
    expect(readdirSync(path.join(tmp(), 'vault', 'packs', '2026-Q3'))).toEqual([expect.stringMatching(/^evidence-pack-2026-Q3-\d{8}T\d{6}Z\.zip$/)]);

    for (const target of [dir, zip]) {
      for (const key of [[], ['--public-key', path.join(tmp(), 'vault', 'public-key.pem')]]) {
        const verify = await runCli(['verify', target, '--json', ...key]);
        expect(verify.err).toBe('');
        expect(verify.code).toBe(0);
        expect(JSON.parse(verify.out)).toMatchObject({
          ok: true, kind: 'pack', quarter: '2026-Q3', exitCode: 0, failures: [],
          // Three daily runs, plus the policy, the procedure and the quarter's review sealed on the first day.
          manifests: 6, days: ['2026-09-28', '2026-09-29', '2026-09-30'],
          head: { key: 'manifests/2026-09-30/00000005.json', sequence: 5, date: '2026-09-30' },
          publicKey: { source: key.length === 0 ? 'vault' : 'given' },
        });
      }
    }
  }, 120_000);
});
