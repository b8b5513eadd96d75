/**
 * A pack's period is one calendar quarter, UTC (docs/formats/pack-v1.md §period): recomputed
 * here from the quarter's name, so that pack.json cannot widen or narrow it.
 */
const DAY_MS = 86_400_000;

export function quarterBounds(quarter: string): { start: string; end: string; days: number } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (m === null) return null;
  const start = Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1);
  const next = Date.UTC(Number(m[1]), Number(m[2]) * 3, 1);
  return { start: isoDay(start), end: isoDay(next - DAY_MS), days: Math.round((next - start) / DAY_MS) };
}

export function daysBetween(start: string, days: number): string[] {
  const t = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => isoDay(t + i * DAY_MS));
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
