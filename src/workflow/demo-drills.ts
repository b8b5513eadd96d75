import { runSampleDrills } from '../sample/drills';
import type { DemoStep } from './demo-records';

/**
 * The sample organization's escalation drills in the demo's period (docs/sample-organization.md
 * §Escalation drills): on the 1st of each month the real drill runner drills the sample's chain
 * through the SDK clients; the drill on the 1st of the quarter's third month finds the pager
 * subscription unconfirmed and fails. Each drill is sealed when it was recorded, each
 * acknowledgement a minute after on-call gave it.
 */
export async function demoDrillSteps(start: string, days: number): Promise<DemoStep[]> {
  return (await runSampleDrills(start, days)).map((s) => ({ day: s.day, at: s.at, build: () => s.records }));
}
