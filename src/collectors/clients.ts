import type { ClientClass, ClientConfig, ClientProvider } from './types';

export interface ClientProviderOptions {
  credentials?: ClientConfig['credentials'];
  requestHandler?: ClientConfig['requestHandler'];
  /** Attempts per call, first included; throttling is retried with the SDK's adaptive mode. */
  maxAttempts?: number;
}

/**
 * SDK clients for one account: the standard SDK configuration (profiles, credentials chain,
 * AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>) applies unless credentials or a
 * request handler are given. Throttling is retried with backoff by the SDK's adaptive retry.
 */
export class SdkClientProvider implements ClientProvider {
  private readonly cache = new Map<unknown, Map<string, { destroy(): void }>>();

  constructor(private readonly options: ClientProviderOptions = {}) {}

  get<C extends { destroy(): void }>(clientClass: ClientClass<C>, region: string): C {
    let byRegion = this.cache.get(clientClass);
    if (!byRegion) this.cache.set(clientClass, (byRegion = new Map<string, { destroy(): void }>()));
    let client = byRegion.get(region) as C | undefined;
    if (!client) {
      client = new clientClass({
        region,
        retryMode: 'adaptive',
        maxAttempts: this.options.maxAttempts ?? 5,
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
        ...(this.options.requestHandler ? { requestHandler: this.options.requestHandler } : {}),
      });
      byRegion.set(region, client);
    }
    return client;
  }

  release(): void {
    this.destroy();
  }

  destroy(): void {
    for (const byRegion of this.cache.values()) for (const client of byRegion.values()) client.destroy();
    this.cache.clear();
  }
}
