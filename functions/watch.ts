import { readFunctionConfig } from '../src/config/lambda-env';
import { deployedSigner, deployedVault } from '../src/deploy/aws';
import { observability } from '../src/deploy/observability';
import { createWatchHandler } from '../src/deploy/watch-handler';

const config = readFunctionConfig(process.env);
// Only GetPublicKey is used (the watch role may not Sign).
const key = deployedSigner(config);

/** Daily schedule: the chain's tail verifies and yesterday is sealed, as metrics for the alarms. */
export const handler = createWatchHandler({
  ...observability(),
  vault: deployedVault(config),
  publicKeyPem: () => key.publicKeyPem(),
  now: () => new Date(),
});
