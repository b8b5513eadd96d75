import { readFunctionConfig } from '../src/config/lambda-env';
import { deployedSigner, deployedVault } from '../src/deploy/aws';
import { observability } from '../src/deploy/observability';
import { createPackHandler } from '../src/deploy/pack-handler';

const config = readFunctionConfig(process.env);

/** Quarterly schedule: the previous quarter's evidence pack, stored in the vault under packs/. */
export const handler = createPackHandler({
  ...observability(),
  vault: deployedVault(config),
  signer: deployedSigner(config),
  now: () => new Date(),
});
