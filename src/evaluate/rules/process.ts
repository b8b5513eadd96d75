import type { RuleParams } from '../rule-params';
import type { Rule } from '../types';
import { checkResult } from './util';

/**
 * Process controls (notification procedure, workflow drills, incident timeliness, quarterly
 * reviews) are evidenced by attested documents, which are not sealed yet: the placeholder says
 * so for the whole organization instead of passing silently.
 */
export const processAttestation: Rule<RuleParams<'process.attestation'>> = {
  id: 'process.attestation',
  reads: [],
  evaluate(_ctx, params) {
    return checkResult(this.id, [
      { resource: 'organization', account: '*', region: '*', verdict: 'not-evidenced', reason: `no attested ${params.kind} has been sealed yet`, evidence: [] },
    ]);
  },
};

export const PROCESS_RULES = [processAttestation] as const;
