import type { JsonValue } from '../core/canonical';
import { PACK_FILES } from '../pack/model';
import type { OscalContext } from './oscal-context';
import { packHref, prop, type JsonObject } from './oscal-common';

const JSON_TYPE = 'application/json';

/** The back-matter resource that import-ap points at (docs/oscal.md §"import-ap"). */
export function catalogResourceUuid(ctx: OscalContext): string {
  return ctx.uuid('resource:catalog');
}

/** The back-matter resource of a sealed manifest, cited by observations. */
export function manifestResourceUuid(ctx: OscalContext, key: string): string {
  return ctx.uuid(`resource:manifest:${key}`);
}

function sha256Link(key: string, sha256: string, mediaType = JSON_TYPE): JsonObject {
  return { href: packHref(key), 'media-type': mediaType, hashes: [{ algorithm: 'SHA-256', value: sha256 }] };
}

function catalogResource(ctx: OscalContext): JsonObject {
  const { catalog } = ctx.pack;
  const common = {
    uuid: catalogResourceUuid(ctx),
    description:
      'Stands in for the OSCAL assessment plan. Evidence Vault assesses continuously against its control ' +
      'catalog: every control is evaluated every day from collected AWS answers, by the rules and ' +
      'parameters the catalog names. The catalog is therefore the plan: which controls, how each is tested, ' +
      'and which SOC 2 and ISO/IEC 27001 ids it supports. Its SHA-256 (of its RFC 8785 canonical JSON, ' +
      'overrides applied) is recorded in every sealed control-results artifact.',
  };
  if (!catalog) {
    return { ...common, title: 'Control catalog (not recorded in this pack)', remarks: 'pack.json records no catalog: no day of the period was evaluated.' };
  }
  return {
    ...common,
    title: `Control catalog ${catalog.id} ${catalog.version} (assessment plan)`,
    props: [prop('catalog-id', catalog.id), prop('catalog-version', catalog.version), prop('catalog-sha256', catalog.sha256, { class: 'JCS-RFC8785' })],
  };
}

function packFileResources(ctx: OscalContext): JsonObject[] {
  const { pack } = ctx;
  return [
    {
      uuid: ctx.uuid('resource:pack.json'),
      title: 'pack.json: the signed record of the quarter',
      description: 'Everything this document states is derived from pack.json; its SHA-256 is below.',
      rlinks: [sha256Link(PACK_FILES.packJson, ctx.packSha256)],
    },
    {
      uuid: ctx.uuid('resource:pack.json.sig'),
      title: 'pack.json.sig: signature of pack.json',
      description: `${pack.signingKey.algorithm} signature over the bytes of pack.json, by the key named below.`,
      props: [prop('signing-key-fingerprint', pack.signingKey.fingerprint)],
      rlinks: [{ href: packHref(PACK_FILES.packSig) }],
    },
    {
      uuid: ctx.uuid('resource:public-key.pem'),
      title: 'public-key.pem: the signing public key',
      description: 'SubjectPublicKeyInfo of the signing key; its fingerprint is SHA-256 of the DER encoding.',
      props: [prop('signing-key-fingerprint', pack.signingKey.fingerprint)],
      rlinks: [{ href: packHref(PACK_FILES.publicKey), 'media-type': 'application/x-pem-file' }],
    },
    {
      uuid: ctx.uuid('resource:SHA256SUMS'),
      title: 'SHA256SUMS: the SHA-256 of every file of the pack',
      description: 'Lists this document too, so its own hash cannot appear here; check it with sha256sum -c.',
      rlinks: [{ href: packHref(PACK_FILES.sums), 'media-type': 'text/plain' }],
    },
  ];
}

function manifestResources(ctx: OscalContext): JsonObject[] {
  return ctx.pack.chain.manifests.map((m) => ({
    uuid: manifestResourceUuid(ctx, m.key),
    title: `Manifest ${m.date} #${m.sequence}`,
    description: `Signed daily manifest of ${m.date}: ${m.artifacts} artifact(s), ${m.gaps} collection gap(s).`,
    props: [prop('date', m.date), prop('sequence', m.sequence), prop('merkle-root', m.merkleRoot, { class: 'sha256' })],
    rlinks: [sha256Link(m.key, m.sha256), { href: packHref(`${m.key}.sig`) }],
  }));
}

export function buildBackMatter(ctx: OscalContext): JsonObject {
  const resources: JsonValue[] = [catalogResource(ctx), ...packFileResources(ctx), ...manifestResources(ctx)];
  return { resources };
}

export function buildImportAp(ctx: OscalContext): JsonObject {
  return {
    href: `#${catalogResourceUuid(ctx)}`,
    remarks: 'No separate assessment plan exists: the control catalog, described in back-matter, is the plan (docs/oscal.md).',
  };
}
