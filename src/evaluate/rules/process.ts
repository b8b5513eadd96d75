import { dayRecords, evaluationTime } from '../../workflow/day-records';
import { policyInForce } from '../../workflow/in-force';
import type { RuleParams } from '../rule-params';
import type { Rule } from '../types';
import { drillChains } from './process-drills';
import { incidentDeadlines } from './process-incidents';
import { procedureInForce } from './process-procedure';
import { quarterlyReview } from './process-review';
import { checkResult } from './util';

/**
 * Process controls (docs/controls.md §Process controls), evaluated from the workflow records the
 * day's manifest carries (docs/formats/workflow-records-v1.md): the notification procedure in
 * force and reviewed, the escalation drills, every incident against its deadlines, and the
 * quarterly review. Pure: the records, the notification policy in force and the evaluation time
 * all come from the day's sealed artifacts.
 */
export const processAttestation: Rule<RuleParams<'process.attestation'>> = {
  id: 'process.attestation',
  reads: ['evidence-vault:RecordWorkflow'],
  evaluate(ctx, params) {
    const records = dayRecords(ctx);
    const asOf = evaluationTime(ctx);
    const policy = policyInForce(records, asOf);
    const input = { records, asOf, date: ctx.date, policy };
    switch (params.kind) {
      case 'notification-procedure':
        return checkResult(this.id, procedureInForce(input));
      case 'workflow-drill':
        return checkResult(this.id, drillChains(input));
      case 'incident-timeliness':
        return checkResult(this.id, incidentDeadlines(input));
      case 'quarterly-review':
        return checkResult(this.id, quarterlyReview(input));
    }
  },
};

export const PROCESS_RULES = [processAttestation] as const;
