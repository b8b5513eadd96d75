import { parseStrictJson } from '../core/strict-json';
import { PACK_FILES, type PackJson } from '../pack/model';
import type { Failures } from './codes';
import type { TrustedKey } from './keys';
import { parsePackModel } from './pack-model';
import { checkDetachedSignature } from './pack-signature';
import type { PackSource } from './pack-source';
import { LIMITS } from './reader';

/**
 * pack.json (docs/formats/pack-v1.md §pack.json): its signature over the exact bytes, then the
 * same hostile-input rules as a manifest (size limit before reading, strict JSON, strict model).
 * Returns the model, or null when pack.json cannot be used (the failure is recorded).
 */
export async function loadPackJson(source: PackSource, trusted: TrustedKey | null, failures: Failures): Promise<PackJson | null> {
  const file = PACK_FILES.packJson;
  const entry = source.entries.find((e) => e.key === file);
  if (entry === undefined) {
    failures.add('PACK_JSON_MALFORMED', file, `${file}: expected the pack's description at the pack root, found none`);
    return null;
  }
  if (entry.kind !== 'file') return null; // reported as FILE_NOT_REGULAR
  const read = await source.read(file, LIMITS.packJson);
  if (!read.ok) {
    failures.add(read.reason === 'unreadable' ? 'VAULT_UNREADABLE' : 'PACK_JSON_MALFORMED', file, read.message);
    return null;
  }
  await checkDetachedSignature(source, read.bytes, PACK_FILES.packSig, trusted, failures, { missing: 'PACK_SIGNATURE_MISSING', invalid: 'PACK_SIGNATURE_INVALID' });
  const json = parseStrictJson(read.bytes);
  if (!json.ok) {
    failures.add('PACK_JSON_MALFORMED', file, `${file}: not valid JSON (${json.code}): ${json.message}`);
    return null;
  }
  const model = parsePackModel(json.value);
  if (!model.ok) {
    const shown = model.problems.slice(0, 30);
    failures.add('PACK_JSON_MALFORMED', file, `${file}: not pack v1: ${shown.join('; ')}${model.problems.length > shown.length ? `; and ${model.problems.length - shown.length} more` : ''}`);
    return null;
  }
  return model.pack;
}
