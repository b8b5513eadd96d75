import type { InventoryItem } from '../state/inventory';

/**
 * The part of AWS Config's advanced query language the sample evaluates (Config Developer
 * Guide, "Query components"): `SELECT <properties> [WHERE <condition> [AND …]]` with
 * conditions `property = 'value'` and `property IN ('a', 'b')` on top-level properties.
 * Anything else is refused as InvalidExpressionException rather than answered wrongly.
 */
export interface ParsedQuery {
  readonly fields: readonly string[];
  readonly matches: (item: InventoryItem) => boolean;
}

const PROPERTIES = new Set(['resourceId', 'resourceName', 'resourceType', 'awsRegion', 'accountId', 'tags']);

function literals(list: string): string[] | undefined {
  const parts = list.trim().replace(/^\(|\)$/g, '').split(',').map((p) => p.trim());
  return parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : undefined;
}

export function parseQuery(expression: string): ParsedQuery | string {
  const m = /^\s*SELECT\s+(.+?)(?:\s+WHERE\s+(.+?))?\s*$/is.exec(expression);
  if (!m?.[1]) return 'The expression is not a SELECT statement.';
  const fields = m[1].split(',').map((f) => f.trim());
  const unknown = fields.find((f) => !PROPERTIES.has(f));
  if (unknown) return `The sample organization does not evaluate the property ${unknown}.`;
  const conditions: ((item: InventoryItem) => boolean)[] = [];
  for (const clause of m[2] ? m[2].split(/\s+AND\s+/i) : []) {
    const c = /^(\w+)\s*(=|IN)\s*(.+)$/is.exec(clause.trim());
    const property = c?.[1] ?? '';
    const values = c?.[3] ? literals(c[3]) : undefined;
    if (!c || !values || !PROPERTIES.has(property) || property === 'tags') return `Unsupported condition: ${clause.trim()}`;
    conditions.push((item) => {
      const v = (item as unknown as Record<string, unknown>)[property];
      return typeof v === 'string' && values.includes(v);
    });
  }
  return { fields, matches: (item) => conditions.every((c) => c(item)) };
}

/** One result row: the selected properties the item has, as Config returns them (a JSON string). */
export function resultRow(item: InventoryItem, fields: readonly string[]): string {
  const row: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (item as unknown as Record<string, unknown>)[f];
    if (v !== undefined) row[f] = v;
  }
  return JSON.stringify(row);
}
