import { bool, objs, str, strs } from './answer-fields';
import type { JsonObject } from './util';

/**
 * What a trail's event selectors (a GetEventSelectors answer) record: classic EventSelectors
 * or AdvancedEventSelectors (CloudTrail User Guide, "Logging management events" and "Logging
 * data events"). Selectors are OR-ed: a ReadOnly and a WriteOnly selector together record both.
 */
export interface Coverage {
  read: boolean;
  write: boolean;
  /** Which selectors matched, for the reason. */
  via: string[];
}

const none = (): Coverage => ({ read: false, write: false, via: [] });

function add(c: Coverage, read: boolean, write: boolean, via: string): void {
  c.read ||= read;
  c.write ||= write;
  c.via.push(via);
}

/** ReadWriteType of a classic selector; AWS's default when it is absent is All. */
function classicRw(es: JsonObject): { read: boolean; write: boolean; rw: string } {
  const rw = str(es, 'ReadWriteType') ?? 'All';
  return { read: rw === 'All' || rw === 'ReadOnly', write: rw === 'All' || rw === 'WriteOnly', rw };
}

function field(sel: JsonObject, name: string): JsonObject | undefined {
  return objs(sel, 'FieldSelectors').find((f) => str(f, 'Field') === name);
}

/** readOnly may only be Equals true | false; absent records both. */
function advancedRw(sel: JsonObject): { read: boolean; write: boolean } {
  const ro = field(sel, 'readOnly');
  if (!ro) return { read: true, write: true };
  const eq = strs(ro, 'Equals');
  return { read: eq.includes('true'), write: eq.includes('false') };
}

function name(sel: JsonObject, i: number): string {
  return `AdvancedEventSelectors[${i}]${str(sel, 'Name') ? ` "${str(sel, 'Name')}"` : ''}`;
}

/** Management events, and the event sources a selector excludes (KMS, RDS Data API). */
export function managementCoverage(selectors: JsonObject | undefined): Coverage & { excluded: string[] } {
  const c = { ...none(), excluded: [] as string[] };
  objs(selectors, 'EventSelectors').forEach((es, i) => {
    if (bool(es, 'IncludeManagementEvents') !== true) return;
    const { read, write, rw } = classicRw(es);
    add(c, read, write, `EventSelectors[${i}] IncludeManagementEvents true, ReadWriteType ${rw}`);
    c.excluded.push(...strs(es, 'ExcludeManagementEventSources'));
  });
  objs(selectors, 'AdvancedEventSelectors').forEach((sel, i) => {
    if (!strs(field(sel, 'eventCategory'), 'Equals').includes('Management')) return;
    const { read, write } = advancedRw(sel);
    add(c, read, write, `${name(sel, i)} eventCategory Management${field(sel, 'readOnly') ? ` readOnly ${strs(field(sel, 'readOnly'), 'Equals').join('|')}` : ''}`);
    c.excluded.push(...strs(field(sel, 'eventSource'), 'NotEquals'));
  });
  c.excluded = [...new Set(c.excluded)].sort();
  return c;
}

const ADVANCED_DATA_FIELDS = new Set(['eventCategory', 'resources.type', 'resources.ARN', 'readOnly']);

/**
 * Whether an advanced selector records every object of the bucket: resources.ARN absent or
 * StartsWith a prefix of `arn:…:s3:::bucket/`. Equals names single objects, and any other
 * operator or field (eventName, userIdentity.arn …) narrows what is logged, so such a selector
 * does not cover the whole bucket.
 */
function advancedCoversBucket(sel: JsonObject, objectPrefix: string): boolean {
  const fields = objs(sel, 'FieldSelectors');
  if (fields.some((f) => !ADVANCED_DATA_FIELDS.has(str(f, 'Field') ?? ''))) return false;
  if (!strs(field(sel, 'eventCategory'), 'Equals').includes('Data')) return false;
  if (!strs(field(sel, 'resources.type'), 'Equals').includes('AWS::S3::Object')) return false;
  const arn = field(sel, 'resources.ARN');
  if (!arn) return true;
  const narrowing = ['Equals', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'].some((op) => strs(arn, op).length > 0);
  return !narrowing && strs(arn, 'StartsWith').some((v) => objectPrefix.startsWith(v));
}

/**
 * S3 object data events on one bucket. Classic DataResources values are prefixes too:
 * `arn:aws:s3` (every bucket), `arn:aws:s3:::bucket/` (the whole bucket); a longer prefix
 * (`bucket/reports/`) covers part of the bucket only.
 */
export function s3DataCoverage(selectors: JsonObject | undefined, partition: string, bucket: string): Coverage {
  const c = none();
  const objectPrefix = `arn:${partition}:s3:::${bucket}/`;
  objs(selectors, 'EventSelectors').forEach((es, i) => {
    const values = objs(es, 'DataResources')
      .filter((d) => str(d, 'Type') === 'AWS::S3::Object')
      .flatMap((d) => strs(d, 'Values'))
      .filter((v) => objectPrefix.startsWith(v));
    if (values.length === 0) return;
    const { read, write, rw } = classicRw(es);
    add(c, read, write, `EventSelectors[${i}] DataResources AWS::S3::Object ${values.sort()[0] ?? ''} ReadWriteType ${rw}`);
  });
  objs(selectors, 'AdvancedEventSelectors').forEach((sel, i) => {
    if (!advancedCoversBucket(sel, objectPrefix)) return;
    const { read, write } = advancedRw(sel);
    add(c, read, write, `${name(sel, i)} eventCategory Data resources.type AWS::S3::Object`);
  });
  return c;
}

export function describeRw(c: Coverage): string {
  return c.read && c.write ? 'reads and writes' : c.read ? 'reads only' : c.write ? 'writes only' : 'nothing';
}
