import { PROCESS_RULES, processAttestation } from '../../src/evaluate/rules/process';
import { evalContext } from '../support/eval-context';

describe('process.attestation', () => {
  it('is not evidenced for the organization until an attested document is sealed', () => {
    const r = processAttestation.evaluate(evalContext([]), { kind: 'workflow-drill' });
    expect(r).toEqual({
      rule: 'process.attestation',
      verdict: 'not-evidenced',
      resources: [{ resource: 'organization', account: '*', region: '*', verdict: 'not-evidenced', reason: 'no attested workflow-drill has been sealed yet', evidence: [] }],
    });
  });

  it('ignores the AWS answers of the day: the same result whatever was collected', () => {
    const ctx = evalContext([{ service: 'cloudtrail', operation: 'DescribeTrails', response: { trailList: [] } }]);
    expect(JSON.stringify(processAttestation.evaluate(ctx, { kind: 'quarterly-review' }))).toBe(JSON.stringify(processAttestation.evaluate(evalContext([]), { kind: 'quarterly-review' })));
    expect(PROCESS_RULES).toEqual([processAttestation]);
  });
});
