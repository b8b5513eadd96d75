import type { JsonValue } from '../../core/canonical';
import { globMatch, isObject, type JsonObject } from './util';

/**
 * Does a bucket policy (the Policy string of GetBucketPolicy, JSON) refuse plain HTTP? AWS's
 * documented pattern: a Deny statement, Principal "*", Action s3:* (or *), Resource covering
 * the bucket and its objects, Condition {"Bool": {"aws:SecureTransport": "false"}}. A statement
 * with any further condition denies only some requests and does not count.
 */
export type TlsVerdict = { ok: true; statement: string } | { ok: false; why: string };

const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const texts = (v: JsonValue | undefined): string[] => list(v).filter((x): x is string => typeof x === 'string');

function everyone(principal: JsonValue | undefined): boolean {
  if (principal === '*') return true;
  return isObject(principal) && texts(principal.AWS).includes('*');
}

function onlySecureTransportFalse(condition: JsonValue | undefined): boolean {
  if (!isObject(condition)) return false;
  const ops = Object.keys(condition);
  const bool = condition.Bool;
  if (ops.length !== 1 || !isObject(bool)) return false;
  const keys = Object.keys(bool);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || key.toLowerCase() !== 'aws:securetransport') return false;
  const values = list(bool[key]);
  return values.length > 0 && values.every((v) => v === 'false' || v === false);
}

function covers(resources: string[], arn: string): boolean {
  return resources.some((r) => globMatch(r.replace(/^arn:[^:]+:/, 'arn:aws:'), arn));
}

function statementDenies(st: JsonObject, bucket: string): boolean {
  if (st.Effect !== 'Deny' || !everyone(st.Principal)) return false;
  if (!texts(st.Action).some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
  const resources = texts(st.Resource);
  if (!covers(resources, `arn:aws:s3:::${bucket}`) || !covers(resources, `arn:aws:s3:::${bucket}/*`)) return false;
  return onlySecureTransportFalse(st.Condition);
}

export function tlsOnly(policy: string, bucket: string): TlsVerdict {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return { ok: false, why: 'Policy is not valid JSON' };
  }
  if (!isObject(doc)) return { ok: false, why: 'Policy is not a JSON object' };
  const statements = list(doc.Statement).filter(isObject);
  const i = statements.findIndex((st) => statementDenies(st, bucket));
  const found = statements[i];
  if (found) return { ok: true, statement: typeof found.Sid === 'string' ? found.Sid : `Statement[${i}]` };
  return { ok: false, why: `no Deny statement for Principal * on s3:* over arn:aws:s3:::${bucket} and arn:aws:s3:::${bucket}/* with only Condition Bool aws:SecureTransport "false" (${statements.length} statements)` };
}
