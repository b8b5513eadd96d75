import type { JsonValue } from '../core/canonical';
import { configRuleVerdicts, type ConfigRuleVerdict } from './config-rules';
import { rollUp } from './rules/util';
import type { CheckResult, EvalContext, Rule, Verdict } from './types';

/** Control results v1 (docs/formats/control-results-v1.md): sealed every day as an artifact. */
export const CONTROL_RESULTS_SCHEMA = 'evidence-vault/control-results/v1';

/** What evaluation needs of a catalog control (src/catalog has the full model). */
export interface EvaluableControl {
  id: string;
  kind: 'automated' | 'process';
  checks: ReadonlyArray<{ rule: string; params: unknown }>;
  awsConfigRules?: readonly string[];
  disabled?: { reason: string };
}

export interface EvaluableCatalog {
  id: string;
  version: string;
  sha256: string;
  controls: readonly EvaluableControl[];
}

export type ControlVerdict = Verdict | 'disabled';

export interface ControlResult {
  id: string;
  verdict: ControlVerdict;
  disabledReason?: string;
  checks: CheckResult[];
  awsConfig: ConfigRuleVerdict[];
}

export interface ControlResults {
  schema: typeof CONTROL_RESULTS_SCHEMA;
  date: string;
  catalog: { id: string; version: string; sha256: string };
  summary: Record<ControlVerdict, number>;
  controls: ControlResult[];
}

/**
 * Evaluates every control of the catalog against one day's context. Pure and deterministic:
 * controls in catalog order, resources sorted by the rules' checkResult, no clock.
 */
export function evaluateControls(catalog: EvaluableCatalog, ctx: EvalContext, rules: ReadonlyMap<string, Rule<never>>): ControlResults {
  const controls = catalog.controls.map((control): ControlResult => {
    if (control.disabled) return { id: control.id, verdict: 'disabled', disabledReason: control.disabled.reason, checks: [], awsConfig: [] };
    const checks = control.checks.map((check) => {
      const rule = rules.get(check.rule);
      if (!rule) throw new Error(`control ${control.id}: no rule '${check.rule}' (the catalog loader should have refused it)`);
      return rule.evaluate(ctx, check.params as never);
    });
    const verdict = rollUp(checks.map((c) => c.verdict));
    return { id: control.id, verdict, checks, awsConfig: configRuleVerdicts(ctx, control.awsConfigRules ?? [], checks.flatMap((c) => c.resources)) };
  });
  const summary: Record<ControlVerdict, number> = { pass: 0, fail: 0, 'not-applicable': 0, 'not-evidenced': 0, disabled: 0 };
  for (const c of controls) summary[c.verdict]++;
  return { schema: CONTROL_RESULTS_SCHEMA, date: ctx.date, catalog: { id: catalog.id, version: catalog.version, sha256: catalog.sha256 }, summary, controls };
}

/** Plain JSON of the results (undefined members dropped), ready to canonicalize. */
export function resultsToJson(results: ControlResults): JsonValue {
  return JSON.parse(JSON.stringify(results)) as JsonValue;
}
