import type { DemoStep } from './demo-records';

/**
 * The sample organization's escalation drills in the demo's quarter: monthly drills of its
 * escalation chain, one of which fails on an unconfirmed subscription. They come from the drill
 * machinery's sample alarm history and delivery logs (src/sample); until that lands the demo has
 * none, and the drill control is reported not evidenced.
 */
export function demoDrillSteps(_start: string): DemoStep[] {
  return [];
}
