import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

/** The repository root (serverless.yml lives there). */
export const ROOT = path.resolve(__dirname, '..', '..');

// CloudFormation is read as plain JSON; tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface Packaged {
  dir: string;
  template: Json;
  resources: Record<string, { Type: string; Properties: Json; Condition?: string; DeletionPolicy?: string }>;
}

/**
 * `serverless package` (osls) exactly as a user runs it: offline, no AWS credentials (the
 * environment's are removed), into a temporary folder. Returns the generated CloudFormation.
 */
export async function serverlessPackage(args: string[] = []): Promise<Packaged> {
  const dir = mkdtempSync(path.join(tmpdir(), 'evidence-sls-'));
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', NODE_OPTIONS: '' };
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'serverless'), ['package', '--package', dir, '--stage', 'test', ...args], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  const template = JSON.parse(readFileSync(path.join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Json;
  return { dir, template, resources: template.Resources };
}

/** The failure output of a `serverless package` that must fail. */
export async function serverlessPackageError(args: string[]): Promise<string> {
  try {
    await serverlessPackage(args);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
  throw new Error(`serverless package ${args.join(' ')} succeeded; it should have failed`);
}

/** Every statement of every inline policy of a role. */
export function roleStatements(role: { Properties: Json }): Json[] {
  return (role.Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Json[]);
}

export function actionsOf(statement: Json): string[] {
  const a = statement.Action as string | string[];
  return Array.isArray(a) ? a : [a];
}
