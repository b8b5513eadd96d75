import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Recorder } from './recorder';

/** The part of an SDK v3 client configuration we set; every client takes these the same way. */
export type ClientConfig = Pick<S3ClientConfig, 'credentials' | 'requestHandler' | 'maxAttempts' | 'retryMode'> & { region: string };

/** An SDK v3 client class. */
export type ClientClass<C> = new (config: ClientConfig) => C;

/** Hands out SDK clients for one account, one per client class and region (cached). */
export interface ClientProvider {
  get<C extends { destroy(): void }>(clientClass: ClientClass<C>, region: string): C;
}

export interface CollectTarget {
  account: string;
  region: string;
  /** Account-wide services (S3 bucket list, IAM, Organizations) are asked once, here. */
  isHomeRegion: boolean;
  clients: ClientProvider;
}

/** One collector per AWS service, all of this shape (docs/collectors.md). */
export interface Collector {
  readonly name: string;
  collect(target: CollectTarget, recorder: Recorder): Promise<void>;
}
