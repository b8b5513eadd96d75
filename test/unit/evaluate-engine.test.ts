import { buildContext } from '../../src/evaluate/context';
import { evaluateControls, type EvaluableCatalog } from '../../src/evaluate/engine';
import { encodeResults } from '../../src/evaluate/results-artifact';
import { checkResult } from '../../src/evaluate/rules/util';
import type { EvalContext, Rule } from '../../src/evaluate/types';
import { dayArtifact, type Answer } from '../support/eval-context';

const A = '111122223333';

/** A stand-in rule: one resource per versioning answer, pass when Status is Enabled. */
const versioningRule: Rule<Record<string, never>> = {
  id: 'test.versioning',
  reads: ['s3:GetBucketVersioning'],
  evaluate(ctx: EvalContext) {
    return checkResult(
      'test.versioning',
      ctx.answers('s3:GetBucketVersioning').map((a) => {
        const status = 'response' in a.artifact ? (a.artifact.response as { Status?: string }).Status : undefined;
        return { resource: JSON.stringify(a.artifact.request.input.Bucket), account: a.artifact.request.account, region: a.artifact.request.region, verdict: status === 'Enabled' ? 'pass' : 'fail', reason: `Status is ${status ?? 'unset'}`, evidence: [{ key: a.key, sha256: a.sha256 }] };
      }),
    );
  },
};
const rules = new Map<string, Rule<never>>([['test.versioning', versioningRule]]);

const catalog: EvaluableCatalog = {
  id: 'test-catalog',
  version: '1.0.0',
  sha256: 'a'.repeat(64),
  controls: [
    { id: 's3-bucket-versioning', kind: 'automated', checks: [{ rule: 'test.versioning', params: {} }], awsConfigRules: ['S3_BUCKET_VERSIONING_ENABLED'] },
    { id: 'switched-off', kind: 'automated', checks: [{ rule: 'test.versioning', params: {} }], disabled: { reason: 'no student data in this organization' } },
  ],
};

const versioning = (bucket: string, Status: string): Answer => ({ service: 's3', operation: 'GetBucketVersioning', input: { Bucket: bucket }, account: A, response: { Status } });
const configRules: Answer = { service: 'config', operation: 'DescribeConfigRules', account: A, response: { ConfigRules: [{ ConfigRuleName: 's3-bucket-versioning-enabled', Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED' } }] } };
const compliance = (ComplianceType: string): Answer => ({ service: 'config', operation: 'DescribeComplianceByConfigRule', account: A, response: { ComplianceByConfigRules: [{ ConfigRuleName: 's3-bucket-versioning-enabled', Compliance: { ComplianceType } }] } });

function context(answers: Answer[]): EvalContext {
  return buildContext({ date: '2026-07-15', accounts: [A], regions: ['us-east-1'], artifacts: answers.map(dayArtifact), gaps: [] });
}

describe('control evaluation', () => {
  it('rolls resources up into the control verdict and keeps the disabled reason', () => {
    const results = evaluateControls(catalog, context([versioning('a', 'Enabled'), versioning('b', 'Suspended')]), rules);
    expect(results.controls.map((c) => [c.id, c.verdict])).toEqual([['s3-bucket-versioning', 'fail'], ['switched-off', 'disabled']]);
    expect(results.controls[1]!.disabledReason).toBe('no student data in this organization');
    expect(results.summary).toEqual({ pass: 0, fail: 1, 'not-applicable': 0, 'not-evidenced': 0, disabled: 1 });
    expect(results.controls[0]!.checks[0]!.resources.map((r) => [r.resource, r.verdict])).toEqual([['"a"', 'pass'], ['"b"', 'fail']]);
  });

  it('records the AWS Config managed rule verdict beside ours and flags a disagreement', () => {
    const agree = evaluateControls(catalog, context([versioning('a', 'Suspended'), configRules, compliance('NON_COMPLIANT')]), rules);
    expect(agree.controls[0]!.awsConfig).toMatchObject([{ identifier: 'S3_BUCKET_VERSIONING_ENABLED', compliance: 'NON_COMPLIANT', ours: 'fail', disagrees: false }]);
    const disagree = evaluateControls(catalog, context([versioning('a', 'Suspended'), configRules, compliance('COMPLIANT')]), rules);
    expect(disagree.controls[0]!.awsConfig[0]).toMatchObject({ compliance: 'COMPLIANT', ours: 'fail', disagrees: true });
    expect(disagree.controls[0]!.awsConfig[0]!.evidence).toHaveLength(2);
  });

  it('is deterministic: the same answers in any order give byte-identical sealed results', () => {
    const answers = [versioning('a', 'Enabled'), versioning('b', 'Suspended'), versioning('c', 'Enabled'), configRules, compliance('COMPLIANT')];
    const first = encodeResults(evaluateControls(catalog, context(answers), rules));
    const second = encodeResults(evaluateControls(catalog, context([...answers].reverse()), rules));
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.sha256).toBe(first.sha256);
  });

  it('seals the results as an artifact v1 asked of Evidence Vault itself', () => {
    const sealed = encodeResults(evaluateControls(catalog, context([versioning('a', 'Enabled')]), rules));
    const artifact = JSON.parse(sealed.bytes.toString()) as { request: Record<string, unknown>; response: { schema: string } };
    expect(artifact.request).toEqual({ service: 'evidence-vault', operation: 'EvaluateControls', account: '*', region: '*', input: { date: '2026-07-15', catalogId: 'test-catalog', catalogVersion: '1.0.0', catalogSha256: 'a'.repeat(64) } });
    expect(artifact.response.schema).toBe('evidence-vault/control-results/v1');
  });
});
