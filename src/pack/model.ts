import type { ManifestGap } from '../core/manifest';
import type { ControlVerdict } from '../evaluate/engine';
import type { ReadinessSection } from './readiness-model';

/**
 * Evidence pack v1 (docs/formats/pack-v1.md): what a quarter's pack holds, as pack.json.
 * Day-major so that it is written in one streaming pass over the quarter's manifests: the
 * per-day results come first, the per-control summaries (small) after them.
 */
export const PACK_SCHEMA = 'evidence-vault/pack/v1';
/** v2 (docs/formats/pack-v2.md): v1 plus §readiness, and a day reports its last evaluated manifest. */
export const PACK_SCHEMA_V2 = 'evidence-vault/pack/v2';

/** Files of a pack folder (and of its zip, under one top-level folder named like the pack). */
export const PACK_FILES = {
  packJson: 'pack.json',
  packSig: 'pack.json.sig',
  sums: 'SHA256SUMS',
  /** Signs SHA256SUMS, so that every file's hash is signed (SHA256SUMS cannot list itself). */
  sumsSig: 'SHA256SUMS.sig',
  readme: 'README.txt',
  report: 'report.pdf',
  oscal: 'oscal/assessment-results.json',
  publicKey: 'public-key.pem',
  /** The vault's own keys are kept below: manifests/…, manifests/….sig, artifacts/sha256/… */
} as const;

export interface EvidenceRef {
  key: string;
  sha256: string;
}

export interface PackPeriod {
  /** e.g. 2026-Q3 */
  quarter: string;
  start: string;
  end: string;
  days: number;
}

export interface PackManifestRef extends EvidenceRef {
  date: string;
  sequence: number;
  merkleRoot: string;
  artifacts: number;
  gaps: number;
}

/** A manifest's gap (manifest-v1.md §Gaps), with the day and the manifest it was recorded in. */
export interface PackGap extends ManifestGap {
  date: string;
  manifest: string;
}

/** One control on one day: its verdict and what it was read from. */
export interface ControlDay {
  id: string;
  verdict: ControlVerdict;
  /** Resources that did not pass, with why (pass and n/a resources are counted, not listed). */
  exceptions: Array<{ resource: string; account: string; region: string; verdict: ControlVerdict; reason: string }>;
  resources: { pass: number; fail: number; notApplicable: number; notEvidenced: number };
  /** The artifacts behind the day's verdict (deduplicated). */
  evidence: EvidenceRef[];
}

export interface PackDay {
  date: string;
  /** The last manifest of the day (a day may have several runs); null = no manifest that day. */
  manifest: EvidenceRef | null;
  /** The control-results artifact of that manifest; null when the day had no evaluation. */
  results: EvidenceRef | null;
  controls: ControlDay[];
}

/** An uninterrupted run of days on which a control did not pass. */
export interface ControlException {
  from: string;
  to: string;
  verdict: ControlVerdict;
  resources: Array<{ resource: string; account: string; region: string; reason: string }>;
}

export interface ControlSummary {
  id: string;
  title: string;
  tests: string;
  kind: 'automated' | 'process';
  mappings: { soc2: string[]; iso27001_2022: string[]; iso27001_2013: string[] };
  checks: Array<{ rule: string; params: unknown }>;
  disabled: { reason: string } | null;
  days: Record<ControlVerdict, number>;
  /** Passed on every day of the period. */
  operatedEveryDay: boolean;
  exceptions: ControlException[];
  evidenceCount: number;
  sampleEvidence: EvidenceRef[];
}

export interface PackJson {
  schema: typeof PACK_SCHEMA | typeof PACK_SCHEMA_V2;
  organization: string;
  period: PackPeriod;
  generatedAt: string;
  scope: { accounts: string[]; regions: string[]; collectors: string[]; modes: string[] };
  catalog: { id: string; version: string; sha256: string } | null;
  signingKey: { algorithm: 'ECDSA_P256_SHA256'; fingerprint: string };
  chain: { anchor: EvidenceRef | null; head: EvidenceRef & { sequence: number }; manifests: PackManifestRef[] };
  days: PackDay[];
  missingDays: string[];
  gaps: PackGap[];
  controls: ControlSummary[];
  /** v2 only: the quarter's leak-reporting readiness. */
  readiness?: ReadinessSection;
}
