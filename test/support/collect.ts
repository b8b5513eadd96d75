import type { ArtifactV1 } from '../../src/core/artifact';
import { Recorder } from '../../src/collectors/recorder';
import type { ClientProvider, CollectSettings, CollectTarget } from '../../src/collectors/types';

export const TEST_DATE = '2026-07-01';
export const fixedNow = (): Date => new Date(`${TEST_DATE}T06:00:00.000Z`);

/** A collector target with the usual settings; override what the test is about. */
export function target(overrides: Partial<CollectTarget> & { clients: ClientProvider }, settings: Partial<CollectSettings> = {}): CollectTarget {
  return { account: '111122223333', region: 'us-east-1', isHomeRegion: true, settings: { date: TEST_DATE, ...settings }, ...overrides };
}

/** A provider that hands out one given client whatever class or region is asked. */
export function oneClient(client: unknown): ClientProvider {
  return { get: <C>() => client as C };
}

export function recorder(collector: string, account = '111122223333', region = 'us-east-1'): Recorder {
  return new Recorder(collector, account, region, fixedNow);
}

/** The artifacts a recorder kept, parsed back from their canonical bytes. */
export function artifactsOf(rec: Recorder): ArtifactV1[] {
  return rec.artifacts.map((a) => JSON.parse(a.bytes.toString('utf8')) as ArtifactV1);
}
