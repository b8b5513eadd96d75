import type { z } from 'zod';
import { EvidenceError } from '../core/errors';

/**
 * Every problem found in a catalog or overrides file, named by file, control and field, so a
 * user fixes them all in one pass (STYLE.md 5: collect every bad field, then refuse once).
 */
export interface Problem {
  file: string;
  /** The control concerned, when the problem sits inside one. */
  control?: string;
  /** Field path, e.g. `checks[0].params.minRetentionDays`. */
  field: string;
  message: string;
}

export type PathKey = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `checks[0].params["logs.retention"]`: dots between names, brackets for indexes and odd names. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/** A value as a message shows it: short, JSON-ish, never a whole object. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Zod's issue, in the words of this product: what was expected, what was found. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const found = 'input' in issue ? `, found ${show(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing: expected ${expectedType(issue.expected)}`;
      return `expected ${expectedType(issue.expected)}${found}`;
    case 'too_small': {
      const op = issue.inclusive === false ? '>' : '>=';
      if (issue.origin === 'string') return `expected a non-empty string${found}`;
      if (issue.origin === 'array') return `expected at least ${String(issue.minimum)} item(s)${found}`;
      return `expected a number ${op} ${String(issue.minimum)}${found}`;
    }
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${found}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${found}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'custom':
      // Issues re-raised from a rule's parameter schema are already described.
      return issue.params?.described === true ? issue.message : `${issue.message}${found}`;
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? 'the documented form' : issue.format}${found}`;
    default:
      return `${issue.message}${found}`;
  }
}

function expectedType(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'array' || expected === 'object' || expected === 'integer') return `an ${expected}`;
  return `a ${expected}`;
}

export function renderProblem(p: Problem): string {
  return [p.file, p.control === undefined ? undefined : `control ${p.control}`, p.field, p.message].filter((s) => s !== undefined).join(': ');
}

/** One CONFIG_INVALID for all the problems: the first line counts them, one line each after. */
export function refuse(problems: readonly Problem[]): EvidenceError {
  const lines = problems.map(renderProblem);
  const head = problems.length === 1 ? (lines[0] ?? '') : `${problems.length} problems in the control catalog configuration:\n${lines.join('\n')}`;
  return new EvidenceError('CONFIG_INVALID', head);
}

/** The control an issue path points into, and the field to name (docs/controls.md, "Errors"). */
export function locateControl(path: readonly PathKey[], idAt: (list: string, index: number) => string | undefined): { control?: string; field: string } {
  const [head, second, ...rest] = path;
  if ((head === 'controls' || head === 'add') && typeof second === 'number') {
    const control = idAt(head, second) ?? `${head}[${second}]`;
    // In the catalog the control names itself; in an overrides file the user needs the full path.
    if (head === 'add') return { control, field: formatPath(path) };
    return { control, field: rest.length === 0 ? '(control)' : formatPath(rest) };
  }
  if ((head === 'parameters' || head === 'disable') && typeof second === 'string') return { control: second, field: formatPath(path) };
  return { field: formatPath(path) };
}

/** Zod issues of a parsed file as problems, naming the control by the `id` found in `root`. */
export function issuesToProblems(file: string, issues: readonly z.core.$ZodIssue[], root: unknown): Problem[] {
  const idAt = (list: string, index: number): string | undefined => {
    const items = root !== null && typeof root === 'object' ? (root as Record<string, unknown>)[list] : undefined;
    const item: unknown = Array.isArray(items) ? items[index] : undefined;
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
    return typeof id === 'string' && id !== '' ? id : undefined;
  };
  return issues.map((issue) => {
    const path = issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k));
    return { file, ...locateControl(path, idAt), message: describeIssue(issue) };
  });
}
