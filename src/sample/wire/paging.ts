/**
 * List pagination as the services do it: a page of at most `size` items and an opaque token
 * for the rest. Tokens name what they continue (the operation and its scope), so a token from
 * another list is refused as the service would (InvalidNextToken and its kin), not silently
 * restarted. AWS tokens are opaque; ours are base64 of `sample-v1|<scope>|<offset>`.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

export function pageOf<T>(all: readonly T[], size: number, token: string | undefined, scope: string): Page<T> | undefined {
  let from = 0;
  if (token !== undefined && token !== '') {
    const raw = Buffer.from(token, 'base64').toString('utf8');
    const m = /^sample-v1\|(.*)\|(\d+)$/.exec(raw);
    if (!m || m[1] !== scope) return undefined;
    from = Number(m[2]);
    if (from > all.length) return undefined;
  }
  const end = from + Math.max(1, size);
  return {
    items: all.slice(from, end),
    ...(end < all.length ? { next: Buffer.from(`sample-v1|${scope}|${end}`).toString('base64') } : {}),
  };
}

/** A positive whole number from a request field, `fallback` when absent, undefined when invalid. */
export function pageSize(value: unknown, fallback: number, max: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
}
