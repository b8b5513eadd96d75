import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { EvidenceError } from '../src/core/errors';
import { deployedSigner, deployedVault } from '../src/deploy/aws';
import { readDrillConfig } from '../src/workflow/drill-config';
import { runScheduledDrills, type ScheduledDrillOptions } from '../src/workflow/drill-scheduled';

/**
 * Monthly escalation-chain drills (docs/drills.md §The drill function): every alarm of this
 * account and region tagged `evidence-vault:drill` = `true` is put into ALARM with a drill
 * reason, its SNS delivery is read back, and the drills are sealed into the vault. A failed
 * drill is logged at error level and sealed (it fails the process control); an opted-in alarm
 * that cannot be drilled fails the invocation after the others are sealed.
 */
export interface DrillSummary {
  manifest: string | null;
  drills: { drillId: string; alarm: string; outcome: 'pass' | 'fail'; failureReasons: string[] }[];
}

export function createDrillHandler(deps: () => Omit<ScheduledDrillOptions, 'warn'>, logger = new Logger({ serviceName: 'evidence-vault-drill' })) {
  let resolved: Omit<ScheduledDrillOptions, 'warn'> | undefined;
  return middy<ScheduledEvent, DrillSummary, Error, Context>().handler(async (_event, context) => {
    logger.addContext(context);
    resolved ??= deps();
    const result = await runScheduledDrills({ ...resolved, warn: (t) => logger.warn(t) });
    for (const d of result.drills) {
      const line = { drillId: d.drillId, alarm: d.chain.alarmName, secondsToDelivery: d.secondsToDelivery, failureReasons: d.failureReasons };
      if (d.outcome === 'pass') logger.info('escalation drill passed', line);
      else logger.error('escalation drill FAILED: the chain did not deliver', line);
    }
    if (result.drills.length === 0 && result.problems.length === 0) logger.warn(`no alarm is tagged ${resolved.tagKey}=true: nothing was drilled`);
    if (result.problems.length > 0) {
      throw new EvidenceError('USAGE', `opted-in alarm(s) could not be drilled (the others were sealed in ${result.manifest?.key ?? 'no manifest'}): ${result.problems.join('; ')}`);
    }
    return { manifest: result.manifest?.key ?? null, drills: result.drills.map((d) => ({ drillId: d.drillId, alarm: d.chain.alarmName, outcome: d.outcome, failureReasons: d.failureReasons })) };
  });
}

/** Cold start: configuration checked and clients built on the first invocation, once per container. */
export const handler = createDrillHandler(() => {
  const config = readDrillConfig(process.env);
  return {
    clients: { cloudwatch: new CloudWatchClient({}), sns: new SNSClient({}), logs: new CloudWatchLogsClient({}) },
    vault: deployedVault(config),
    signer: deployedSigner(config),
    tagKey: config.tagKey,
    timeoutMs: config.timeoutMs,
    resetToOk: config.resetToOk,
    organization: config.organization,
  };
});
