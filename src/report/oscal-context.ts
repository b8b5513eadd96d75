import { EvidenceError } from '../core/errors';
import type { PackJson } from '../pack/model';
import { nameUuid } from './oscal-common';

/** What every part of the export needs: the pack, its hash, and UUIDs scoped to this pack. */
export interface OscalContext {
  pack: PackJson;
  packSha256: string;
  /** The UUID of a named element of this document: stable for this pack, distinct across packs. */
  uuid(name: string): string;
  /** UUIDs that name the same thing in every pack (the organization, the platform). */
  stableUuid(name: string): string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** OSCAL's token datatype: control-id and target-id must be tokens. */
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

export function oscalContext(pack: PackJson, packSha256: string): OscalContext {
  if (!SHA256_HEX.test(packSha256)) {
    throw new EvidenceError('INTERNAL', `OSCAL export: packSha256 must be 64 lowercase hex digits, found ${JSON.stringify(packSha256)}`);
  }
  // Hostile input (STYLE §5): duplicate ids would give duplicate UUIDs and ambiguous findings.
  const seen = new Set<string>();
  for (const control of pack.controls) {
    if (!TOKEN.test(control.id)) throw new EvidenceError('INTERNAL', `OSCAL export: control id ${JSON.stringify(control.id)} is not an OSCAL token`);
    if (seen.has(control.id)) throw new EvidenceError('INTERNAL', `OSCAL export: control ${control.id} appears twice in pack.json controls`);
    seen.add(control.id);
  }
  return {
    pack,
    packSha256,
    uuid: (name) => nameUuid(`pack:${packSha256}:${name}`),
    stableUuid: (name) => nameUuid(name),
  };
}
