import { cloudtrailCollector } from './cloudtrail';
import { s3Collector } from './s3';
import type { Collector } from './types';

/** Every collector the daily run uses, in the order they run for each account × region. */
export const COLLECTORS: readonly Collector[] = [cloudtrailCollector, s3Collector];

export function collectorNames(): string[] {
  return COLLECTORS.map((c) => c.name);
}
