/**
 * Builds the golden vault of format v1 (manifest v1, artifact v1) from the core functions and
 * the TEST-ONLY key. Run once; its output is committed as test/golden/vault-v1/ and frozen
 * (test/golden/README.md). Tests verify the committed files and never call this script.
 *
 *   npx esbuild --bundle --platform=node --log-level=warning \
 *     test/golden/make-golden-vault-v1.ts --outfile=<tmp>/make-golden.js
 *   node <tmp>/make-golden.js <new empty directory>
 *
 * Three days (2026-01-05..07) of one account: CloudTrail DescribeTrails and GetTrailStatus,
 * S3 GetBucketVersioning for two buckets, and an S3 error answer that states a fact
 * (NoSuchLifecycleConfiguration). Day 2's GetTrailStatus was denied: a gap, not an artifact.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ARTIFACT_SCHEMA, encodeArtifact, type ArtifactV1 } from '../../src/core/artifact';
import type { JsonValue } from '../../src/core/canonical';
import { buildManifest, encodeManifest, signatureKey, type ChainLink, type ManifestArtifactEntry, type ManifestGap } from '../../src/core/manifest';
import { publicKeyFingerprint } from '../../src/signing/public-key';
import { TEST_KEY, signLikeProduct } from '../support/keys';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-audit-trail`;

function artifact(service: string, operation: string, input: { [k: string]: JsonValue }, answer: { response: JsonValue } | { error: { code: string; message: string } }): ArtifactV1 {
  return { schema: ARTIFACT_SCHEMA, request: { service, operation, input, account: ACCOUNT, region: REGION }, ...answer };
}

const describeTrails = artifact('cloudtrail', 'DescribeTrails', { includeShadowTrails: false }, {
  response: {
    trailList: [
      {
        Name: 'org-audit-trail',
        S3BucketName: 'edtech-org-cloudtrail-archive',
        S3KeyPrefix: 'cloudtrail',
        IncludeGlobalServiceEvents: true,
        IsMultiRegionTrail: true,
        HomeRegion: REGION,
        TrailARN: TRAIL_ARN,
        LogFileValidationEnabled: true,
        CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-cloudtrail-logs-org-audit:*`,
        CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailRoleForCloudWatchLogs_org-audit`,
        KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/6f1c2e4a-9b7d-4c3e-8a21-5d0f9e8b7c6a`,
        HasCustomEventSelectors: true,
        HasInsightSelectors: false,
        IsOrganizationTrail: true,
      },
    ],
  },
});

function trailStatus(day: string): ArtifactV1 {
  return artifact('cloudtrail', 'GetTrailStatus', { Name: TRAIL_ARN }, {
    response: {
      IsLogging: true,
      LatestDeliveryTime: `${day}T05:52:17.000Z`,
      LatestDigestDeliveryTime: `${day}T05:14:03.000Z`,
      StartLoggingTime: '2025-09-01T08:30:12.000Z',
      LatestDeliveryAttemptTime: `${day}T05:52:17Z`,
      LatestDeliveryAttemptSucceeded: `${day}T05:52:17Z`,
      LatestNotificationAttemptTime: '',
      LatestNotificationAttemptSucceeded: '',
      TimeLoggingStarted: '2025-09-01T08:30:12Z',
      TimeLoggingStopped: '',
    },
  });
}

const studentVersioning = artifact('s3', 'GetBucketVersioning', { Bucket: 'edtech-student-records-prod' }, { response: { Status: 'Enabled', MFADelete: 'Disabled' } });
const courseVersioning = artifact('s3', 'GetBucketVersioning', { Bucket: 'edtech-course-content-prod' }, { response: { Status: 'Suspended' } });
const courseLifecycle = artifact('s3', 'GetBucketLifecycleConfiguration', { Bucket: 'edtech-course-content-prod' }, {
  error: { code: 'NoSuchLifecycleConfiguration', message: 'The lifecycle configuration does not exist' },
});

const deniedTrailStatus: ManifestGap = {
  collector: 'cloudtrail',
  account: ACCOUNT,
  region: REGION,
  operation: 'GetTrailStatus',
  errorCode: 'AccessDeniedException',
  message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/EvidenceVaultReadOnly/evidence-collect is not authorized to perform: cloudtrail:GetTrailStatus on resource: ${TRAIL_ARN} because no identity-based policy allows the cloudtrail:GetTrailStatus action`,
};

const days: { date: string; artifacts: ArtifactV1[]; gaps: ManifestGap[] }[] = [
  { date: '2026-01-05', artifacts: [describeTrails, trailStatus('2026-01-05'), studentVersioning, courseVersioning, courseLifecycle], gaps: [] },
  { date: '2026-01-06', artifacts: [describeTrails, studentVersioning, courseVersioning, courseLifecycle], gaps: [deniedTrailStatus] },
  { date: '2026-01-07', artifacts: [describeTrails, trailStatus('2026-01-07'), studentVersioning, courseVersioning, courseLifecycle], gaps: [] },
];

function main(outDir: string): void {
  if (existsSync(outDir)) throw new Error(`${outDir} exists; the golden vault is frozen and never regenerated in place`);
  const write = (key: string, bytes: Buffer | string): void => {
    const file = path.join(outDir, ...key.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes, { flag: 'wx' });
  };
  write('public-key.pem', TEST_KEY.publicKeyPem);
  const fingerprint = publicKeyFingerprint(TEST_KEY.publicKeyPem);
  let previous: { link: ChainLink; sequence: number } | null = null;
  const written = new Set<string>();
  for (const day of days) {
    const entries: ManifestArtifactEntry[] = day.artifacts.map((a, i) => {
      const sealed = encodeArtifact(a);
      if (!written.has(sealed.key)) write(sealed.key, sealed.bytes);
      written.add(sealed.key);
      const observedAt = `${day.date}T06:0${Math.floor(i / 2)}:${String(10 + 7 * i).padStart(2, '0')}.000Z`;
      return { key: sealed.key, sha256: sealed.sha256, bytes: sealed.bytes.length, collector: a.request.service, account: ACCOUNT, region: REGION, observedAt };
    });
    const manifest = buildManifest(
      {
        date: day.date,
        sealedAt: `${day.date}T06:03:41.000Z`,
        scope: { organization: ACCOUNT, mode: 'single-account', accounts: [ACCOUNT], regions: [REGION], collectors: ['cloudtrail', 's3'] },
        artifacts: entries,
        gaps: day.gaps,
      },
      previous,
      fingerprint,
    );
    const sealed = encodeManifest(manifest);
    write(sealed.key, sealed.bytes);
    write(signatureKey(sealed.key), signLikeProduct(sealed.bytes));
    previous = { link: { key: sealed.key, sha256: sealed.sha256 }, sequence: manifest.sequence };
  }
}

main(process.argv[2] ?? path.join(__dirname, 'vault-v1'));
