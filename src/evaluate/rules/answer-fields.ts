import type { JsonValue } from '../../core/canonical';
import type { DayArtifact } from '../types';
import { isObject, type JsonObject } from './util';

/**
 * Typed reads of AWS answers (hostile input: a field of the wrong type reads as absent, so a
 * rule reports "absent" instead of throwing). Empty strings read as absent: CloudTrail answers
 * '' for times and errors it has none of.
 */
export function str(o: JsonObject | undefined, key: string): string | undefined {
  const v = o?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function bool(o: JsonObject | undefined, key: string): boolean | undefined {
  const v = o?.[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function num(o: JsonObject | undefined, key: string): number | undefined {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function obj(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
}

export function objs(o: JsonObject | undefined, key: string): JsonObject[] {
  const v: JsonValue | undefined = o?.[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function strs(o: JsonObject | undefined, key: string): string[] {
  const v: JsonValue | undefined = o?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The request input member `key` of an artifact (e.g. the Bucket it asked about). */
export function inputOf(a: DayArtifact, key: string): string | undefined {
  return str(a.artifact.request.input, key);
}

/** Artifacts in key order, each key once: whatever order the day listed them in, rules pick the same one. */
export function byKey<T extends DayArtifact>(artifacts: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const a of artifacts) if (!seen.has(a.key)) seen.set(a.key, a);
  return [...seen.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A field value as a reason shows it: strings bare, other JSON as JSON, a missing field as "absent". */
export function shown(v: JsonValue | undefined): string {
  return v === undefined ? 'absent' : typeof v === 'string' ? v : JSON.stringify(v);
}
