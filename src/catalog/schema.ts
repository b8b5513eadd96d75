import { z } from 'zod';
import { RULE_PARAMS, isRuleId } from '../evaluate/rule-params';
import { FRAMEWORK_ID_FORM, type FrameworkKey, isFrameworkId } from './framework-ids';
import { describeIssue } from './issues';
import { CATALOG_SCHEMA, SOURCE_TAGS } from './types';

/**
 * The authority on the catalog format (templates/catalog/catalog.schema.json mirrors it for
 * editors). Strict objects: an unknown field is a typo and fails at load.
 */
const text = z.string().min(1);
const notes = z.array(text).optional();
const sources = z.array(z.enum(SOURCE_TAGS)).min(1);

function frameworkId(framework: FrameworkKey) {
  return z.string().refine((id) => isFrameworkId(framework, id), { message: `expected ${FRAMEWORK_ID_FORM[framework]}` });
}

const soc2Entry = z.strictObject({ id: frameworkId('soc2'), sources, notes });
const iso2022Entry = z.strictObject({ id: frameworkId('iso27001_2022'), sources, notes, weak: z.literal(true).optional() });
const iso2013Entry = z
  .strictObject({
    id: frameworkId('iso27001_2013'),
    sources,
    notes,
    via: frameworkId('iso27001_2022').optional(),
    granularity: z.enum(['control', 'objective']).optional(),
  })
  .superRefine((m, ctx) => {
    // A crosswalked id must say which 2022 id it came from (control-mapping.md §3).
    if (m.sources.some((s) => s.startsWith('crosswalk:')) && m.via === undefined) {
      ctx.addIssue({ code: 'custom', path: ['via'], message: 'a crosswalk source needs the 2022 id it was crosswalked from' });
    }
    const objective = m.id.split('.').length === 3;
    if (objective !== (m.granularity === 'objective')) {
      ctx.addIssue({ code: 'custom', path: ['granularity'], message: `${m.id} is ${objective ? 'an objective' : 'a control'} id, so granularity must be ${objective ? '"objective"' : '"control" or absent'}`, input: m.granularity });
    }
  });

function uniqueIds<T extends { id: string }>(entry: z.ZodType<T>) {
  return z.array(entry).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${m.id} is listed twice`, input: m.id });
      seen.add(m.id);
    });
  });
}

const check = z.strictObject({ rule: text, params: z.record(z.string(), z.unknown()) });

export const controlSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected lowercase words joined by hyphens' }),
    title: z.string().min(1).max(60),
    tests: text,
    kind: z.enum(['automated', 'process']),
    checks: z.array(check).min(1),
    awsConfigRules: z.array(z.string().regex(/^[A-Z0-9_]+$/, { message: 'expected a managed rule SourceIdentifier' })),
    awsConfigProcessChecks: z.array(text).optional(),
    mappingBasis: text.optional(),
    mappings: z.strictObject({
      soc2: uniqueIds(soc2Entry).check(z.minLength(1)),
      iso27001_2022: uniqueIds(iso2022Entry).check(z.minLength(1)),
      iso27001_2013: uniqueIds(iso2013Entry),
    }),
    disabled: z.strictObject({ reason: z.string().refine((r) => r.trim() !== '', { message: 'a reason is required' }) }).optional(),
  })
  .superRefine((control, ctx) => {
    control.checks.forEach((c, i) => checkRule(control.kind, c, ['checks', i], ctx));
  });

/** A check's rule must exist and suit the control's kind; its params must fit RULE_PARAMS[rule]. */
export function checkRule(kind: string, c: { rule: string; params: unknown }, at: Array<string | number>, ctx: z.RefinementCtx): void {
  if (!isRuleId(c.rule)) {
    ctx.addIssue({ code: 'custom', path: [...at, 'rule'], message: 'unknown rule id (docs/controls.md lists the rules)', input: c.rule });
    return;
  }
  if ((kind === 'process') !== (c.rule === 'process.attestation')) {
    const message = kind === 'process' ? 'a process control is evidenced by process.attestation only' : 'process.attestation belongs to process controls';
    ctx.addIssue({ code: 'custom', path: [...at, 'rule'], message, input: c.rule });
  }
  const parsed = RULE_PARAMS[c.rule].safeParse(c.params, { reportInput: true });
  for (const issue of parsed.error?.issues ?? []) {
    const path = [...at, 'params', ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))];
    // Already in our words: the outer formatter must not add "found" twice.
    ctx.addIssue({ code: 'custom', path, message: describeIssue(issue), params: { described: true } });
  }
}

export const catalogSchema = z
  .strictObject({
    schema: z.literal(CATALOG_SCHEMA),
    id: text,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version such as 1.0.0' }),
    title: text.optional(),
    controls: z.array(controlSchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.controls.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['controls', i, 'id'], message: 'duplicate control id', input: c.id });
      seen.add(c.id);
    });
  });
