import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `evidence ARGS…` in-process, capturing what it prints. */
export async function runCli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the built CLI (dist/, made by `npm run build`) as a user would, in a child process. */
export function runBin(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const bin = path.join(__dirname, '..', '..', 'bin', 'evidence.js');
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** What a stack trace looks like in output: never acceptable from the CLI. */
export const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;
