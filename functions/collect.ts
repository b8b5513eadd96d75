import { STSClient } from '@aws-sdk/client-sts';
import { SdkClientProvider } from '../src/collectors/clients';
import { COLLECTORS } from '../src/collectors/registry';
import { readFunctionConfig } from '../src/config/lambda-env';
import { deployedStaging } from '../src/deploy/aws';
import { createCollectHandler } from '../src/deploy/collect-handler';
import { observability } from '../src/deploy/observability';
import { memberAccount } from '../src/pipeline/organization';

// Cold start: configuration checked once; the function's own clients act for the management account.
const config = readFunctionConfig(process.env);
const management = new SdkClientProvider();
const sts = new STSClient({ region: config.regions[0] });

/** Daily state machine, one Distributed Map item: collect one account in one region into staging. */
export const handler = createCollectHandler({
  ...observability(),
  staging: deployedStaging(config),
  collectors: COLLECTORS,
  now: () => new Date(),
  accountFor: async (item) => {
    let member: SdkClientProvider | undefined;
    const account = await memberAccount(
      {
        management,
        managementAccount: item.managementAccount,
        roleName: config.memberRole,
        externalId: config.memberExternalId,
        sessionName: 'evidence-vault-collect',
        clientsFor: (_id, credentials) => (member = new SdkClientProvider({ credentials })),
      },
      sts,
      item.account,
    );
    return { account, release: () => member?.destroy() };
  },
});
