import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { verifyVault } from '../../src/verify';
import { loadRecords } from '../../src/workflow/load-records';
import { STACK_TRACE, runCli } from '../support/cli';
import { useTempDir } from '../support/temp';

/** `evidence attest`, `incident` and `review sign` (docs/cli.md): sealed when right, refused with nothing written when wrong. */
function listAll(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  } catch {
    return [];
  }
}

const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();
const nextYear = `${new Date().getUTCFullYear() + 1}-01-15`;
const thisQuarter = (): string => `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;

describe('workflow commands', () => {
  const tmp = useTempDir();
  let vaultDir = '';
  const vault = (): string[] => ['--vault', vaultDir, '--organization', 'Test EdTech'];
  beforeEach(() => {
    vaultDir = path.join(tmp(), 'vault');
  });

  const open = async (extra: string[] = []): Promise<string> => {
    const run = await runCli(['incident', 'open', ...vault(), '--detected-at', hoursAgo(30), '--source', 'guardduty:Exfiltration:S3/AnomalousBehavior', '--severity', 'high', '--customer-data', 'yes', '--summary', 'Unusual reads of student records', '--id', 'INC-1', ...extra]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    return 'INC-1';
  };

  /** Runs a command that must be refused: exit code, message, and the vault byte for byte as before. */
  const refused = async (args: string[], code: number, message: string | RegExp): Promise<void> => {
    const before = listAll(vaultDir);
    const run = await runCli(args);
    expect(run.code).toBe(code);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(STACK_TRACE);
    expect(listAll(vaultDir)).toEqual(before);
  };

  it('attests a document that sha256sum can check after extraction', async () => {
    const file = path.join(tmp(), 'procedure.md');
    writeFileSync(file, '# Leak notification procedure\n\nEscalate within 24 hours.\n');

    const run = await runCli(['attest', file, ...vault(), '--kind', 'procedure', '--control', 'incident-notification-procedure', '--owner', 'compliance-lead', '--next-review', nextYear, '--version', '2.1']);
    const records = await loadRecords(new Vault(new LocalObjectStore(vaultDir)));

    expect(run.code).toBe(0);
    expect(run.out).toContain('procedure procedure version 2.1');
    expect(records).toHaveLength(1);
    const r = records[0]?.record;
    if (r?.kind !== 'attestation') throw new Error('expected an attestation');
    expect(r).toMatchObject({ documentId: 'procedure', title: 'Leak notification procedure', owner: 'compliance-lead', nextReview: nextYear, mediaType: 'text/markdown' });
    expect(execFileSync('sha256sum', [file], { encoding: 'utf8' }).slice(0, 64)).toBe(r.sha256);
    expect((await verifyVault(vaultDir, {})).failures).toEqual([]);
  });

  it('records an incident from detection to closing and shows its deadlines', async () => {
    const id = await open();
    await runCli(['incident', 'event', id, ...vault(), '--type', 'escalated', '--at', hoursAgo(29)]);
    await runCli(['incident', 'event', id, ...vault(), '--type', 'contained', '--at', hoursAgo(20)]);
    const closed = await runCli(['incident', 'close', id, ...vault(), '--at', hoursAgo(1)]);

    const show = await runCli(['incident', 'show', id, '--vault', vaultDir]);

    expect(closed.code).toBe(0);
    expect(show.out).toMatch(/Internal escalation\s+met\s+done 1 h after detection/);
    expect(show.out).toMatch(/Customer notification\s+running\s+not done yet; 42 h/);
    expect(show.out).toMatch(/Regulator notification\s+skipped/);
    expect((await verifyVault(vaultDir, {})).failures).toEqual([]);
  });

  it('records a correction that names the corrected event, keeping the original', async () => {
    const id = await open();
    await runCli(['incident', 'event', id, ...vault(), '--type', 'escalated', '--at', hoursAgo(29)]);
    const records = await loadRecords(new Vault(new LocalObjectStore(vaultDir)));
    const escalated = records.find((r) => r.record.kind === 'incident-event' && r.record.event === 'escalated');

    const run = await runCli(['incident', 'event', id, ...vault(), '--type', 'correction', '--corrects', escalated?.sha256.slice(0, 10) ?? '', '--at', hoursAgo(28), '--note', 'paged at 28 h ago, not 29']);
    const show = await runCli(['incident', 'show', id, '--vault', vaultDir]);

    expect(run.code).toBe(0);
    expect(show.out).toContain(`(corrected from ${hoursAgo(29).slice(0, 13)}`);
    expect(await loadRecords(new Vault(new LocalObjectStore(vaultDir)))).toHaveLength(3);
  });

  it('signs the quarterly review', async () => {
    const run = await runCli(['review', 'sign', ...vault(), '--quarter', thisQuarter(), '--reviewer', 'compliance-lead', '--statement', 'Reviewed the procedure, drills and incidents.']);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`Review of ${thisQuarter()} signed by compliance-lead`);
  });

  describe('refuses bad input with a clear message, exit 2, and writes nothing', () => {
    it('an unknown incident', async () => {
      await open();
      await refused(['incident', 'event', 'INC-404', ...vault(), '--type', 'escalated'], 2, /unknown incident 'INC-404': known incidents are INC-1/);
    });

    it('an event before detection', async () => {
      await open();
      await refused(['incident', 'event', 'INC-1', ...vault(), '--type', 'escalated', '--at', hoursAgo(31)], 2, /before incident INC-1 was detected/);
    });

    it('an event in the future', async () => {
      await open();
      await refused(['incident', 'event', 'INC-1', ...vault(), '--type', 'escalated', '--at', hoursAgo(-2)], 2, /--at: .* is in the future/);
    });

    it('an event after closing', async () => {
      await open();
      await runCli(['incident', 'close', 'INC-1', ...vault(), '--at', hoursAgo(2)]);
      await refused(['incident', 'event', 'INC-1', ...vault(), '--type', 'escalated', '--at', hoursAgo(1)], 2, /was closed at/);
    });

    it('a second opening of the same incident', async () => {
      await open();
      await refused(['incident', 'open', ...vault(), '--detected-at', hoursAgo(3), '--source', 's', '--severity', 'low', '--customer-data', 'no', '--summary', 's', '--id', 'INC-1'], 2, /incident INC-1 already exists/);
    });

    it('a correction naming no event of the incident', async () => {
      await open();
      await refused(['incident', 'event', 'INC-1', ...vault(), '--type', 'correction', '--corrects', 'deadbeefdeadbeef', '--at', hoursAgo(2)], 2, /no event of incident INC-1 has SHA-256 deadbeefdeadbeef/);
    });

    it('a bad time', async () => {
      await refused(['incident', 'open', ...vault(), '--detected-at', '2026-02-30T10:00Z', '--source', 's', '--severity', 'low', '--customer-data', 'no', '--summary', 's'], 2, /--detected-at: '2026-02-30T10:00Z' is not a time/);
      await refused(['incident', 'open', ...vault(), '--detected-at', '2026-01-03 10:00', '--source', 's', '--severity', 'low', '--customer-data', 'no', '--summary', 's'], 2, /a zone is required/);
    });

    it('a person instead of a role', async () => {
      await refused(['review', 'sign', ...vault(), '--quarter', thisQuarter(), '--reviewer', 'Jane Doe', '--statement', 'ok'], 2, /--reviewer: 'Jane Doe' is not a role/);
    });

    it('a quarter that does not parse or has not started', async () => {
      await refused(['review', 'sign', ...vault(), '--quarter', '2026-Q5', '--reviewer', 'compliance-lead', '--statement', 'ok'], 2, /--quarter: '2026-Q5' is not a quarter/);
      await refused(['review', 'sign', ...vault(), '--quarter', `${new Date().getUTCFullYear() + 2}-Q1`, '--reviewer', 'compliance-lead', '--statement', 'ok'], 2, /cannot be signed before/);
    });

    it('a missing file', async () => {
      await refused(['attest', path.join(tmp(), 'nope.md'), ...vault(), '--kind', 'procedure', '--control', 'incident-notification-procedure', '--owner', 'compliance-lead', '--next-review', nextYear], 2, /nope\.md: cannot read the document \(no such file\)/);
    });

    it('an unknown control id', async () => {
      const file = path.join(tmp(), 'p.md');
      writeFileSync(file, '# P\n');
      await refused(['attest', file, ...vault(), '--kind', 'procedure', '--control', 'no-such-control', '--owner', 'compliance-lead', '--next-review', nextYear], 2, /--control: unknown control id\(s\) no-such-control/);
      // Checked before the signer is opened: not even the local signing key is created.
      expect(existsSync(`${vaultDir}.signing-key.pem`)).toBe(false);
    });

    it('a next review date that is not a date or already past', async () => {
      const file = path.join(tmp(), 'p.md');
      writeFileSync(file, '# P\n');
      const args = [file, ...vault(), '--kind', 'procedure', '--control', 'incident-notification-procedure', '--owner', 'compliance-lead'];
      await refused(['attest', ...args, '--next-review', '2026-13-01'], 2, /--next-review: '2026-13-01' is not a calendar date/);
      await refused(['attest', ...args, '--next-review', '2020-01-01'], 2, /--next-review: 2020-01-01 is not after today/);
    });

    it('a deadline policy that does not parse, naming file and field', async () => {
      const file = path.join(tmp(), 'notification-policy.json');
      writeFileSync(file, JSON.stringify({ schema: 'evidence-vault/notification-policy/v1', id: 'p', title: 't', steps: [{ id: 'internal-escalation', title: 'x', event: 'escalated', withinHours: '24h', appliesWhen: 'always' }], procedure: { documentId: 'notification-procedure', reviewWithinDays: 92 }, drills: { everyDays: 31 } }));
      await refused(['attest', file, ...vault(), '--kind', 'policy', '--control', 'incident-notification-procedure', '--owner', 'compliance-lead', '--next-review', nextYear], 2, /notification-policy\.json: steps\[0\]\.withinHours: expected a number, found "24h"/);
      writeFileSync(file, '{"schema": "evidence-vault/notification-policy/v1", "id": "a", "id": "b"}');
      await refused(['attest', file, ...vault(), '--kind', 'policy', '--control', 'incident-notification-procedure', '--owner', 'compliance-lead', '--next-review', nextYear], 2, /notification-policy\.json: id: duplicate key/);
    });
  });
});
