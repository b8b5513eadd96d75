import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Recorder } from './recorder';

/** The part of an SDK v3 client configuration we set; every client takes these the same way. */
export type ClientConfig = Pick<S3ClientConfig, 'credentials' | 'requestHandler' | 'maxAttempts' | 'retryMode'> & { region: string };

/** An SDK v3 client class. */
export type ClientClass<C> = new (config: ClientConfig) => C;

/** Hands out SDK clients for one account, one per client class and region (cached). */
export interface ClientProvider {
  get<C extends { destroy(): void }>(clientClass: ClientClass<C>, region: string): C;
  /** Frees the clients made so far (they are made again if asked for): memory stays flat with accounts. */
  release?(): void;
}

/** What every collector may need to know about the run, beyond its account and region. */
export interface CollectSettings {
  /** The evidence day, YYYY-MM-DD (UTC): time windows (alarm history) are relative to it. */
  date: string;
  /** The account that answers for the organization (Organizations, the Config aggregator). */
  managementAccount?: string;
  /**
   * An AWS Config aggregator in the management account: when set, the resource inventory is
   * one SelectAggregateResourceConfig there instead of a SelectResourceConfig per account.
   */
  configAggregator?: string;
}

export interface CollectTarget {
  account: string;
  region: string;
  settings: CollectSettings;
  /** Account-wide services (S3 bucket list, IAM, Organizations) are asked once, here. */
  isHomeRegion: boolean;
  clients: ClientProvider;
}

/** One collector per AWS service, all of this shape (docs/collectors.md). */
export interface Collector {
  readonly name: string;
  collect(target: CollectTarget, recorder: Recorder): Promise<void>;
}
