import type { DayArtifact, DayGap, EvalContext } from './types';

/** Indexes a day's artifacts by `service:Operation` once, for every rule to read. */
export function buildContext(input: { date: string; accounts: readonly string[]; regions: readonly string[]; artifacts: readonly DayArtifact[]; gaps: readonly DayGap[] }): EvalContext {
  const byOperation = new Map<string, DayArtifact[]>();
  const sorted = [...input.artifacts].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const a of sorted) {
    const op = `${a.artifact.request.service}:${a.artifact.request.operation}`;
    const list = byOperation.get(op);
    if (list) list.push(a);
    else byOperation.set(op, [a]);
  }
  const observed = input.artifacts.map((a) => a.observedAt).sort();
  return {
    date: input.date,
    asOf: observed[observed.length - 1],
    accounts: [...input.accounts].sort(),
    regions: [...input.regions].sort(),
    answers: (operation) => byOperation.get(operation) ?? [],
    gaps: (operation, account, region) =>
      input.gaps.filter((g) => g.operation === operation && (account === undefined || g.account === account) && (region === undefined || g.region === region)),
  };
}
