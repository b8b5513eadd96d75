import type { JsonValue } from '../core/canonical';
import type { OscalContext } from './oscal-context';
import { OSCAL_VERSION, prop, type JsonObject } from './oscal-common';

/** The organization's party: the same UUID in every pack of that organization. */
export function organizationUuid(ctx: OscalContext): string {
  return ctx.stableUuid(`party:organization:${ctx.pack.organization}`);
}

/** metadata: title, times from the pack, versions, the organization, the pack hash and key. */
export function buildMetadata(ctx: OscalContext): JsonObject {
  const { pack } = ctx;
  const org = pack.organization.trim() || 'unnamed organization';
  const catalog = pack.catalog ? `${pack.catalog.id}@${pack.catalog.version}` : 'no catalog';
  const props: JsonValue[] = [
    prop('pack-schema', pack.schema),
    prop('pack-sha256', ctx.packSha256, { remarks: 'SHA-256 of pack.json, the signed record this document is derived from.' }),
    prop('signing-key-fingerprint', pack.signingKey.fingerprint, { class: pack.signingKey.algorithm }),
    prop('period', pack.period.quarter),
    prop('chain-head', pack.chain.head.key, { remarks: `sha256 ${pack.chain.head.sha256}, sequence ${pack.chain.head.sequence}` }),
  ];
  if (pack.catalog) props.push(prop('catalog-sha256', pack.catalog.sha256, { remarks: `${pack.catalog.id} ${pack.catalog.version}, SHA-256 of its RFC 8785 canonical JSON` }));
  return {
    title: `Evidence Vault assessment results: ${org}, ${pack.period.quarter}`,
    published: pack.generatedAt,
    'last-modified': pack.generatedAt,
    version: `${pack.schema} ${catalog}`,
    'oscal-version': OSCAL_VERSION,
    props,
    roles: [{ id: 'prepared-by', title: 'Prepared by' }],
    parties: [{ uuid: organizationUuid(ctx), type: 'organization', name: org }],
    'responsible-parties': [{ 'role-id': 'prepared-by', 'party-uuids': [organizationUuid(ctx)] }],
  };
}
