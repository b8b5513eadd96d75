import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  type GetAccountAuthorizationDetailsCommandInput,
} from '@aws-sdk/client-iam';
import { errorCode, type Recorder } from './recorder';
import type { CollectTarget, Collector } from './types';

/** GetCredentialReport's codes for "no report yet": generate (again), wait, and ask again. */
const REPORT_NOT_READY: readonly string[] = ['ReportInProgress', 'ReportNotPresent', 'ReportExpired'];

export interface IamCollectorOptions {
  /** Waits between credential-report attempts (injected so that tests do not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** GetCredentialReport attempts, the first included. */
  reportAttempts?: number;
  /** Wait before attempt n+1 is n × this. */
  reportDelayMs?: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * IAM is account-wide: asked once, in the home region (the client is built for that region;
 * IAM's endpoint is global).
 */
export function createIamCollector(options: IamCollectorOptions = {}): Collector {
  const sleep = options.sleep ?? realSleep;
  const attempts = options.reportAttempts ?? 5;
  const delayMs = options.reportDelayMs ?? 2000;
  return {
    name: 'iam',
    async collect(target: CollectTarget, rec: Recorder): Promise<void> {
      if (!target.isHomeRegion) return;
      const client = target.clients.get(IAMClient, target.region);
      const ask = { service: 'iam', input: {} } as const;
      // Password policy (length, complexity, rotation); NoSuchEntity = no policy set, a fact.
      await rec.ask({ ...ask, operation: 'GetAccountPasswordPolicy', answers: ['NoSuchEntity'] }, () => client.send(new GetAccountPasswordPolicyCommand({})));
      // Root MFA and root access keys: AccountMFAEnabled, AccountAccessKeysPresent.
      await rec.ask({ ...ask, operation: 'GetAccountSummary' }, () => client.send(new GetAccountSummaryCommand({})));
      // Credential report (CSV): per user MFA, password and access key age and last use.
      const generate = (): Promise<unknown> =>
        rec.ask({ ...ask, operation: 'GenerateCredentialReport' }, () => client.send(new GenerateCredentialReportCommand({})));
      await generate();
      // Only the final GetCredentialReport is sealed: "not ready yet" answers are not evidence.
      await rec.ask({ ...ask, operation: 'GetCredentialReport' }, async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await client.send(new GetCredentialReportCommand({}));
          } catch (e) {
            if (attempt >= attempts || !REPORT_NOT_READY.includes(errorCode(e))) throw e;
          }
          await generate();
          await sleep(attempt * delayMs);
        }
      });
      // Users, roles, groups and customer managed policies: administrative access (attached
      // AdministratorAccess, or a policy allowing "*" on "*") is found from these at evaluation.
      const input: GetAccountAuthorizationDetailsCommandInput = { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'], MaxItems: 1000 };
      const details = { ...ask, operation: 'GetAccountAuthorizationDetails', input, tokenIn: 'Marker' };
      await rec.pages(details, (i) => client.send(new GetAccountAuthorizationDetailsCommand(i)), (p) => (p.IsTruncated ? p.Marker : undefined));
    },
  };
}

export const iamCollector: Collector = createIamCollector();
