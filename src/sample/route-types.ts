import type { SampleAccount } from './organization';
import type { DrillTrigger } from './state/drills';
import type { WireProtocol } from './wire/protocols';
import type { SampleRequest } from './wire/request';
import type { SampleResponse } from './wire/response';

/** Who is asking, where and when: one account per handler, the region from the request. */
export interface SampleContext {
  readonly account: SampleAccount;
  /** The caller's account id as presented: account.id, or the synthetic id of actAs. */
  readonly accountId: string;
  readonly day: number;
  /** Epoch ms of simulated day 0, UTC midnight. */
  readonly startMs: number;
  readonly region: string;
  /** Simulated now (epoch ms): 06:00 UTC of the day unless the handler was given a clock. */
  readonly now: () => number;
  /** SetAlarmState calls received by this handler (escalation drills), appended in order. */
  readonly drills: DrillTrigger[];
}

export interface SampleCall {
  readonly ctx: SampleContext;
  readonly req: SampleRequest;
  readonly operation: string;
  /** Seed for request ids: what was asked, never the day. */
  readonly seed: string;
  readonly protocol: WireProtocol;
}

/** One recorded operation: builds the wire answer from the sample state for the call. */
export type Recording = (call: SampleCall) => SampleResponse;

/** A service the sample answers: its SigV4 signing name, wire protocol and recordings. */
export interface ServiceRoute {
  readonly signingName: string;
  readonly protocol: WireProtocol;
  readonly recordings: Readonly<Record<string, Recording>>;
}
