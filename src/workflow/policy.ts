import { z } from 'zod';
import type { JsonValue } from '../core/canonical';
import { EvidenceError } from '../core/errors';
import { formatPath, describeIssue } from '../catalog/issues';
import { parseJsonFile } from '../catalog/parse';
import bundledPolicy from '../../templates/notification-policy.json';

/**
 * The notification policy (templates/notification-policy.json; docs/formats/workflow-records-v1.md
 * §Notification policy): the deadline of each notification step counted from detection, when a
 * step applies, how often the procedure is reviewed and the chain drilled. Parsed strictly: an
 * unknown field or a bad value is refused with the file and the field named.
 */
export const POLICY_SCHEMA = 'evidence-vault/notification-policy/v1';
export const POLICY_DOCUMENT_ID = 'notification-policy';
export const BUNDLED_POLICY_FILE = 'bundled:notification-policy.json';

const stepEvent = z.enum(['escalated', 'customers-notified', 'regulator-notified', 'contained', 'closed']);
const policySchema = z.strictObject({
  schema: z.literal(POLICY_SCHEMA),
  id: z.string().min(1),
  title: z.string().min(1),
  steps: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id like internal-escalation'),
        title: z.string().min(1),
        event: stepEvent,
        withinHours: z.number().positive().max(24 * 365),
        appliesWhen: z.enum(['always', 'customer-data', 'regulator-required']),
      }),
    )
    .min(1),
  procedure: z.strictObject({ documentId: z.string().min(1), reviewWithinDays: z.number().int().min(1).max(3660) }),
  drills: z.strictObject({ everyDays: z.number().int().min(1).max(3660) }),
});

export type NotificationPolicy = z.infer<typeof policySchema>;
export type PolicyStep = NotificationPolicy['steps'][number];

/** A policy from a file's bytes, or CONFIG_INVALID naming the file and every bad field. */
export function parsePolicy(bytes: Uint8Array, file: string): NotificationPolicy {
  const json = parseJsonFile(bytes, file);
  if (!json.ok) throw new EvidenceError('CONFIG_INVALID', `${file}: ${json.problem.field}: ${json.problem.message}`);
  return validatePolicy(json.value, file);
}

export function validatePolicy(value: JsonValue, file: string): NotificationPolicy {
  const parsed = policySchema.safeParse(value, { reportInput: true });
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${file}: ${formatPath(i.path.map((k) => (typeof k === 'symbol' ? String(k) : k)))}: ${describeIssue(i)}`);
  if (parsed.success) {
    const seen = new Map<string, number>();
    parsed.data.steps.forEach((s, i) => {
      for (const [what, key] of [['id', s.id], ['event', s.event]] as const) {
        const k = `${what}:${key}`;
        const first = seen.get(k);
        if (first !== undefined) problems.push(`${file}: steps[${i}].${what}: '${key}' is already used by steps[${first}]`);
        else seen.set(k, i);
      }
    });
  }
  if (problems.length > 0 || !parsed.success) {
    throw new EvidenceError('CONFIG_INVALID', problems.length === 1 ? (problems[0] as string) : `${problems.length} problems in the notification policy:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** The bundled default policy (24 h escalation, 72 h customer and regulator notification). */
export function defaultPolicy(): NotificationPolicy {
  return validatePolicy(bundledPolicy, BUNDLED_POLICY_FILE);
}
