import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { readFunctionConfig } from '../src/config/lambda-env';
import { callerAccount, deployedStaging, deployedVault } from '../src/deploy/aws';
import { observability } from '../src/deploy/observability';
import { createPlanHandler } from '../src/deploy/plan-handler';
import { listActiveAccounts } from '../src/pipeline/organization';

// Cold start: configuration checked once, clients built once.
const config = readFunctionConfig(process.env);
const organizations = new OrganizationsClient({ region: config.regions[0] });

/** Daily state machine, first step: the day's account × region items, or nothing if sealed. */
export const handler = createPlanHandler({
  ...observability(),
  vault: deployedVault(config),
  staging: deployedStaging(config),
  stagingBucket: config.stagingBucket,
  regions: config.regions,
  managementAccount: callerAccount(),
  listAccounts: () => listActiveAccounts(organizations),
});
