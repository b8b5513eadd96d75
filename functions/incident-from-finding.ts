import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { deployedSigner, deployedVault } from '../src/deploy/aws';
import type { Signer } from '../src/signing/signer';
import type { Vault } from '../src/vault/vault';
import { openIncidentFromFinding, readFindingConfig, type FindingOutcome } from '../src/workflow/incident-from-finding';

/**
 * EventBridge rule {"source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"],
 * "detail": {"severity": [{"numeric": [">=", 7]}]}} → this function: opens an incident at the
 * finding's createdAt (src/workflow/incident-from-finding.ts), idempotent on the finding id.
 */
export interface FindingDeps {
  vault: Vault;
  signer: Signer;
  minSeverity: number;
  organization?: string;
  now(): Date;
}

export function makeHandler(deps: () => FindingDeps) {
  return middy<EventBridgeEvent<'GuardDuty Finding', unknown>, FindingOutcome, Error, Context>().handler(async (event) => {
    const d = deps();
    return openIncidentFromFinding(d.vault, d.signer, event, d.now(), { minSeverity: d.minSeverity, organization: d.organization });
  });
}

// Cold start: configuration checked once, clients built once, on the first invocation.
let cached: FindingDeps | undefined;
function fromEnvironment(): FindingDeps {
  if (cached) return cached;
  const config = readFindingConfig(process.env);
  cached = { vault: deployedVault(config), signer: deployedSigner(config), minSeverity: config.minSeverity, organization: config.organization, now: () => new Date() };
  return cached;
}

export const handler = makeHandler(fromEnvironment);
