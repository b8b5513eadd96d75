import { createSampleRequestHandler } from '../../src/sample';

/** Credentials the sample organization accepts (it answers from recordings; nothing reaches AWS). */
export const SAMPLE_TEST_CREDENTIALS = { accessKeyId: 'AKIDSAMPLEEXAMPLE', secretAccessKey: 'sample-secret' };

/** A real SDK client of `Client` answered by the sample organization as `account` on `day`. */
export function sampleClient<C>(Client: new (config: object) => C, account: string, day: number, region = 'us-east-1'): C {
  return new Client({ region, credentials: SAMPLE_TEST_CREDENTIALS, maxAttempts: 1, requestHandler: createSampleRequestHandler({ account, day }) });
}
