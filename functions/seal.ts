import { loadCatalog } from '../src/catalog';
import { COLLECTORS } from '../src/collectors/registry';
import { readFunctionConfig } from '../src/config/lambda-env';
import { callerAccount, deployedSigner, deployedStaging, deployedVault } from '../src/deploy/aws';
import { observability } from '../src/deploy/observability';
import { createSealHandler } from '../src/deploy/seal-handler';
import { evaluationFor } from '../src/evaluate/registry';

const config = readFunctionConfig(process.env);
const account = callerAccount();

/** Daily state machine, last step: the day's staged evidence into the vault, evaluated, sealed. */
export const handler = createSealHandler({
  ...observability(),
  vault: deployedVault(config),
  signer: deployedSigner(config),
  staging: deployedStaging(config),
  collectors: COLLECTORS,
  organization: async () => config.organization ?? (await account()),
  // The bundled catalog, loaded once per container (part of the bundle, no IO).
  evaluation: loadCatalog().then(evaluationFor),
  now: () => new Date(),
});
