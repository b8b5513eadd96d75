import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../../src/cli/exit-codes';
import { SAMPLE_ACCOUNTS, SAMPLE_DRILL_ALARM, startSampleServer, type SampleServer } from '../../src/sample';
import { LocalObjectStore } from '../../src/vault/local-store';
import { Vault } from '../../src/vault/vault';
import { loadRecords } from '../../src/workflow/load-records';
import { STACK_TRACE, runCli } from '../support/cli';
import { useTempDir } from '../support/temp';

/**
 * `evidence drill` through the standard SDK configuration (AWS_ENDPOINT_URL) against the sample
 * organization's production account, whose clock is the real one here: the drill really waits
 * for the alarm's action and the pager's delivery line. Day 10 passes; day 58 is in the
 * pager-pending drift and fails. Every refusal leaves the vault as it was.
 */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(`${path.relative(dir, p)} ${(await fs.stat(p)).size}`);
    }
  };
  await walk(dir);
  return out.sort();
}

describe('evidence drill and evidence drill ack', () => {
  const tmp = useTempDir();
  let passing: SampleServer;
  let pending: SampleServer;
  const saved = { ...process.env };
  const useServer = (s: SampleServer): void => {
    Object.assign(process.env, { AWS_ENDPOINT_URL: s.url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDDRILLTEST0000000', AWS_SECRET_ACCESS_KEY: 'drill-test-secret' });
    delete process.env.AWS_PROFILE;
  };

  beforeAll(async () => {
    const now = (): Date => new Date();
    passing = await startSampleServer({ account: SAMPLE_ACCOUNTS.production.id, day: 10, startDate: '2026-10-01', now });
    pending = await startSampleServer({ account: SAMPLE_ACCOUNTS.production.id, day: 58, startDate: '2026-10-01', now });
  });
  afterAll(async () => {
    await passing.close();
    await pending.close();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const drill = (vault: string, ...extra: string[]) => runCli(['drill', '--vault', `file://${vault}`, '--alarm', SAMPLE_DRILL_ALARM, '--chain', 'student-data-exfiltration', '--poll', '1s', '--timeout', '30s', '--organization', 'Brightpath Learning', ...extra]);

  it('runs a passing drill, seals it, and seals one acknowledgement; refusals write nothing', async () => {
    useServer(passing);
    const vault = path.join(tmp(), 'vault');
    const r = await drill(vault, '--recorded-by', 'on-call-lead', '--reset-to-ok');
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^Drill drill-\d{8}T\d{6}Z-student-data-exfiltration: PASSED \(chain student-data-exfiltration, alarm brightpath-prod-student-records-bulk-export in 730461928517 us-east-1\)/);
    expect(r.out).toMatch(/delivery +delivered +https https:\/\/events\.pagerduty\.com\/\*\*\* after 2\.\d{3} s/);
    expect(r.out).toContain('no-record            email s***@brightpath-learning.example');
    const id = /Drill (drill-\S+):/.exec(r.out)?.[1] ?? '';
    const v = new Vault(new LocalObjectStore(vault));
    const [sealed] = await loadRecords(v);
    expect(sealed?.record).toMatchObject({ kind: 'drill', drillId: id, trigger: 'cli', outcome: 'pass', recordedBy: 'on-call-lead' });
    const triggeredAt = sealed?.record.kind === 'drill' ? sealed.record.triggeredAt : '';

    const ack = await runCli(['drill', 'ack', id, '--vault', `file://${vault}`, '--by', 'on-call-primary', '--note', 'paged, acknowledged in the pager']);
    expect(ack.err).toBe('');
    expect(ack.code).toBe(EXIT.OK);
    expect(ack.out).toContain(`Drill ${id} acknowledged by on-call-primary`);
    expect((await loadRecords(v)).map((x) => x.record.kind)).toEqual(['drill', 'drill-ack']);

    const before = await listing(vault);
    const refusals: [string[], RegExp][] = [
      [['drill', 'ack', id, '--vault', `file://${vault}`, '--by', 'on-call-primary'], new RegExp(`USAGE: ID: drill ${id} was already acknowledged at .* by on-call-primary .*; a drill is acknowledged once`)],
      [['drill', 'ack', 'drill-20990101T000000Z-nope', '--vault', `file://${vault}`, '--by', 'on-call-primary'], /USAGE: ID: no drill 'drill-20990101T000000Z-nope' is sealed in this vault \(latest: drill-/],
      [['drill', 'ack', id, '--vault', `file://${vault}`, '--by', 'Olivia Nguyen'], /USAGE: --by: 'Olivia Nguyen' is not a role; name a role such as compliance-lead/],
      [['drill', 'ack', id, '--vault', `file://${vault}`, '--by', 'on-call-primary', '--at', 'yesterday'], /USAGE: --at: 'yesterday' is not a time like 2026-10-05T09:00Z/],
      [['drill', 'ack', id, '--vault', `file://${vault}`, '--by', 'on-call-primary', '--at', '2026-02-30T10:00Z'], /USAGE: --at: '2026-02-30T10:00Z' is not a time like/],
      [['drill', '--vault', `file://${vault}`, '--alarm', 'no-such-alarm'], /USAGE: --alarm: no CloudWatch alarm named 'no-such-alarm' in us-east-1/],
      [['drill', '--vault', `file://${vault}`, '--alarm', SAMPLE_DRILL_ALARM, '--timeout', '0s'], /USAGE: --timeout: '0s' must be a duration like 90s, 5m or 1h, from 1s to 60m/],
      [['drill', '--vault', `file://${vault}`, '--alarm', SAMPLE_DRILL_ALARM, '--recorded-by', 'Compliance Lead'], /USAGE: --recorded-by: 'Compliance Lead' is not a role/],
      [['drill', '--vault', `file://${vault}`], /required option '--alarm <name>' not specified/],
    ];
    for (const [args, message] of refusals) {
      const x = await runCli(args);
      expect({ args, code: x.code }).toEqual({ args, code: EXIT.USAGE });
      expect(x.err).toMatch(message);
      expect(x.err).not.toMatch(STACK_TRACE);
      expect(x.out).toBe('');
    }
    // An acknowledgement before the drill's trigger (the separate vault keeps the first one unacknowledged).
    const second = path.join(tmp(), 'vault2');
    const d2 = await drill(second);
    const id2 = /Drill (drill-\S+):/.exec(d2.out)?.[1] ?? '';
    const before2 = await listing(second);
    const early = await runCli(['drill', 'ack', id2, '--vault', `file://${second}`, '--by', 'on-call-primary', '--at', '2026-01-01T00:00:00Z']);
    expect(early.code).toBe(EXIT.USAGE);
    expect(early.err).toMatch(new RegExp(`--at: 2026-01-01T00:00:00.000Z is before drill ${id2} was triggered`));
    const future = await runCli(['drill', 'ack', id2, '--vault', `file://${second}`, '--by', 'on-call-primary', '--at', '2099-01-01T00:00:00+01:00']);
    expect(future.code).toBe(EXIT.USAGE);
    expect(future.err).toMatch(/USAGE: --at: 2098-12-31T23:00:00.000Z is in the future/);
    expect(await listing(second)).toEqual(before2);
    expect(await listing(vault)).toEqual(before);
    expect(triggeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await runCli(['verify', vault])).code).toBe(EXIT.OK);
    // A refusal on a vault that does not exist yet creates neither the vault nor a signing key.
    const fresh = path.join(tmp(), 'fresh');
    const refused = await runCli(['drill', '--vault', `file://${fresh}`, '--alarm', 'no-such-alarm', '--organization', 'Brightpath Learning']);
    expect(refused.code).toBe(EXIT.USAGE);
    expect((await fs.readdir(tmp())).sort()).toEqual(['vault', 'vault.signing-key.pem', 'vault2', 'vault2.signing-key.pem']);
  });

  it('records a failed drill (unconfirmed pager subscription), seals it and exits 5', async () => {
    useServer(pending);
    const vault = path.join(tmp(), 'vault');
    const r = await drill(vault);
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.DRILL_FAILED);
    expect(r.out).toMatch(/: FAILED \(chain student-data-exfiltration/);
    expect(r.out).toContain('pending-confirmation https https://events.pagerduty.com/***');
    expect(r.out).toContain('failure      https subscription https://events.pagerduty.com/*** on arn:aws:sns:us-east-1:730461928517:security-alerts is pending confirmation: SNS does not deliver to it');
    const records = await loadRecords(new Vault(new LocalObjectStore(vault)));
    expect(records.map((x) => x.record.kind === 'drill' && x.record.outcome)).toEqual(['fail']);
    expect((await runCli(['verify', vault])).code).toBe(EXIT.OK);
  });
});
