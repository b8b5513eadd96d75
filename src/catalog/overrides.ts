import { z } from 'zod';
import type { JsonValue } from '../core/canonical';
import { RULE_PARAMS, isRuleId } from '../evaluate/rule-params';
import { type Problem, describeIssue, formatPath, issuesToProblems } from './issues';
import { controlSchema } from './schema';
import { type Catalog, type Check, type Control, OVERRIDES_SCHEMA } from './types';

/**
 * A user's overrides file, format `evidence-vault/catalog-overrides/v1` (docs/controls.md,
 * "Overrides"): change a rule's parameters on a control, disable a control with a reason that
 * every pack shows, add controls with new ids. Pure: a parsed value in, a catalog or problems out.
 */
const reason = z.string().refine((r) => r.trim() !== '', { message: 'a reason is required (every pack shows it)' });

export const overridesSchema = z.strictObject({
  schema: z.literal(OVERRIDES_SCHEMA),
  comment: z.string().optional(),
  parameters: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).optional(),
  disable: z.record(z.string(), reason).optional(),
  add: z.array(controlSchema).optional(),
});

type Overrides = z.infer<typeof overridesSchema>;
type Params = { [name: string]: JsonValue };
/** A control being edited: its checks may be replaced and it may be disabled. */
type Editable = Omit<Control, 'checks' | 'disabled'> & { checks: Check[]; disabled?: { reason: string } };

export interface OverrideResult {
  catalog: Catalog;
  parameters: Array<{ control: string; rule: string; params: Params }>;
  disabled: Array<{ control: string; reason: string }>;
  added: string[];
}

export function applyOverrides(base: Catalog, value: JsonValue, file: string): { ok: true; result: OverrideResult } | { ok: false; problems: Problem[] } {
  const parsed = overridesSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: issuesToProblems(file, parsed.error.issues, value) };
  const o: Overrides = parsed.data;
  const problems: Problem[] = [];
  const controls: Editable[] = base.controls.map((c) => ({ ...c, checks: c.checks.map((k) => ({ ...k })) }));
  const added = addControls(o, controls, file, problems);
  const parameters = overrideParameters(o, controls, file, problems);
  const disabled: OverrideResult['disabled'] = [];
  for (const [id, why] of Object.entries(o.disable ?? {})) {
    const control = controls.find((c) => c.id === id);
    if (control === undefined) problems.push({ file, control: id, field: formatPath(['disable', id]), message: 'no control with this id in the catalog' });
    else {
      control.disabled = { reason: why };
      disabled.push({ control: id, reason: why });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, result: { catalog: { ...base, controls }, parameters, disabled, added } };
}

/** `add` takes new ids only: changing an existing control goes through parameters or disable. */
function addControls(o: Overrides, controls: Editable[], file: string, problems: Problem[]): string[] {
  const added: string[] = [];
  (o.add ?? []).forEach((raw, i) => {
    if (controls.some((c) => c.id === raw.id)) {
      problems.push({ file, control: raw.id, field: formatPath(['add', i, 'id']), message: 'a control with this id already exists (add takes new ids; use parameters or disable to change it)' });
      return;
    }
    // The schema checked every rule id and parameter, so the checks are typed checks.
    controls.push(raw as unknown as Editable);
    added.push(raw.id);
  });
  return added;
}

function overrideParameters(o: Overrides, controls: Editable[], file: string, problems: Problem[]): OverrideResult['parameters'] {
  const applied: OverrideResult['parameters'] = [];
  for (const [id, byRule] of Object.entries(o.parameters ?? {})) {
    const control = controls.find((c) => c.id === id);
    if (control === undefined) {
      problems.push({ file, control: id, field: formatPath(['parameters', id]), message: 'no control with this id in the catalog' });
      continue;
    }
    for (const [rule, params] of Object.entries(byRule)) {
      const field = formatPath(['parameters', id, rule]);
      const uses = control.checks.flatMap((c, i) => (c.rule === rule ? [i] : []));
      if (!isRuleId(rule)) problems.push({ file, control: id, field, message: 'unknown rule id (docs/controls.md lists the rules)' });
      else if (uses.length === 0) {
        problems.push({ file, control: id, field, message: `the control has no check with this rule (its rules: ${[...new Set(control.checks.map((c) => c.rule))].join(', ')})` });
      } else {
        for (const i of uses) {
          const check = control.checks[i];
          if (check === undefined) continue;
          const merged = { ...check.params, ...(params as Params) };
          const result = RULE_PARAMS[rule].safeParse(merged, { reportInput: true });
          for (const issue of result.error?.issues ?? []) {
            const at = ['checks', i, 'params', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
            problems.push({ file, control: id, field: formatPath(at), message: describeIssue(issue) });
          }
          control.checks[i] = { rule, params: merged };
        }
        applied.push({ control: id, rule, params: params as Params });
      }
    }
  }
  return applied;
}
