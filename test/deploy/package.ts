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

/** Every statement a role is given: its inline policies and the AWS::IAM::Policy resources attached to it. */
export function roleStatements(resources: Packaged['resources'], roleId: string): Json[] {
  const inline = ((resources[roleId]?.Properties.Policies ?? []) as Json[]).flatMap((p) => p.PolicyDocument.Statement as Json[]);
  const attached = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as Json[]).some((x) => x.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as Json[]);
  return [...inline, ...attached];
}

/**
 * The resources each resource refers to (Ref, Fn::GetAtt, Fn::Sub "${X}" / "${X.Attr}", DependsOn):
 * CloudFormation refuses a template whose references form a cycle.
 */
export function referenceCycles(resources: Packaged['resources']): string[] {
  const names = new Set(Object.keys(resources));
  const refs = (o: unknown, acc: Set<string>): void => {
    if (Array.isArray(o)) return o.forEach((x) => refs(x, acc));
    if (typeof o !== 'object' || o === null) return;
    for (const [k, v] of Object.entries(o as Json)) {
      if (k === 'Ref' && typeof v === 'string' && names.has(v)) acc.add(v);
      else if (k === 'Fn::GetAtt') acc.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]!);
      else if (k === 'Fn::Sub') {
        const text = typeof v === 'string' ? v : String((v as unknown[])[0]);
        for (const m of text.matchAll(/\$\{([^}!]+)\}/g)) if (names.has(m[1]!.split('.')[0]!)) acc.add(m[1]!.split('.')[0]!);
        if (Array.isArray(v)) refs(v[1], acc);
      } else refs(v, acc);
    }
  };
  const graph = new Map<string, string[]>();
  for (const [id, r] of Object.entries(resources)) {
    const acc = new Set<string>();
    refs((r as Json).Properties, acc);
    const dependsOn = (r as Json).DependsOn as string | string[] | undefined;
    for (const d of dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn]) acc.add(d);
    graph.set(id, [...acc].filter((x) => names.has(x)));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    state.set(id, 'open');
    for (const next of graph.get(id) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), id, next].join(' -> '));
      else if (!state.has(next)) visit(next, [...path, id]);
    }
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id)) visit(id, []);
  return cycles;
}

export function actionsOf(statement: Json): string[] {
  const a = statement.Action as string | string[];
  return Array.isArray(a) ? a : [a];
}
