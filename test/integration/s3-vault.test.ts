import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { sha256Hex } from '../../src/core/hash';
import { S3ObjectStore } from '../../src/vault/s3-store';
import { Vault } from '../../src/vault/vault';
import { createLockedBucket, describeWithS3, headObject, testS3Client, versionsOf } from '../support/s3';

const DAY_MS = 24 * 60 * 60 * 1000;

// What the vault promises on S3 (DESIGN.md, "Vault"), proven against a store that enforces
// Object Lock for real (Ceph RGW from scripts/s3-store.sh in CI), not against a mock.
describeWithS3('S3ObjectStore on a real S3 with Object Lock', (settings) => {
  let client: S3Client;
  let bucket: string;
  const storeFor = (retentionDays: number) => new S3ObjectStore({ client, bucket, prefix: 'vault', retentionDays });
  const s3Key = (key: string) => `vault/${key}`;

  // Writes around the vault, as someone holding the bucket's credentials could.
  const rawPut = (key: string, body: Buffer, extra: { IfNoneMatch?: string } = {}) =>
    client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: s3Key(key),
        Body: body,
        ContentMD5: createHash('md5').update(body).digest('base64'),
        ...extra,
      }),
    );
  const readVersion = async (key: string, versionId: string | undefined) => {
    const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: s3Key(key), VersionId: versionId }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  };
  const seal = async (key: string, text: string) => {
    const body = Buffer.from(text);
    await new Vault(storeFor(1)).putNew(key, body);
    const head = await headObject(client, bucket, s3Key(key));
    return { body, sha256: sha256Hex(body), versionId: head.VersionId, retainUntil: head.ObjectLockRetainUntilDate };
  };

  beforeAll(async () => {
    client = testS3Client(settings);
    bucket = await createLockedBucket(client);
  });

  afterAll(() => client.destroy());

  it('putNew seals the object in COMPLIANCE mode until now + retentionDays, and refuses a second putNew', async () => {
    // Prepare
    const vault = new Vault(storeFor(1));
    const body = Buffer.from('{"manifest":"2026-01-01"}');
    const before = Date.now();

    // Act
    await vault.putNew('manifests/2026-01-01.json', body);

    // Assess
    const head = await headObject(client, bucket, s3Key('manifests/2026-01-01.json'));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    const until = head.ObjectLockRetainUntilDate?.getTime() ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + DAY_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + DAY_MS + 1000);
    await expect(vault.readVerified('manifests/2026-01-01.json', sha256Hex(body))).resolves.toEqual(body);
    await expect(vault.putNew('manifests/2026-01-01.json', body)).rejects.toMatchObject({ code: 'VAULT_OBJECT_EXISTS' });
  });

  it('putContent of an existing key answers exists, adds no version, extends retention and never shortens it', async () => {
    // Prepare
    const body = Buffer.from('{"artifact":"same content"}');
    const key = `artifacts/${sha256Hex(body)}.json`;
    expect(await new Vault(storeFor(1)).putContent(key, body, sha256Hex(body))).toBe('created');
    const first = await headObject(client, bucket, s3Key(key));

    // Act
    const later = await new Vault(storeFor(30)).putContent(key, body, sha256Hex(body));
    const extended = await headObject(client, bucket, s3Key(key));
    const sooner = await new Vault(storeFor(2)).putContent(key, body, sha256Hex(body));
    const kept = await headObject(client, bucket, s3Key(key));

    // Assess
    expect([later, sooner]).toEqual(['exists', 'exists']);
    expect(await versionsOf(client, bucket, s3Key(key))).toHaveLength(1);
    expect(extended.VersionId).toBe(first.VersionId);
    expect(extended.ObjectLockRetainUntilDate?.getTime()).toBeGreaterThanOrEqual(Date.now() + 29 * DAY_MS);
    expect(kept.ObjectLockMode).toBe('COMPLIANCE');
    expect(kept.ObjectLockRetainUntilDate).toEqual(extended.ObjectLockRetainUntilDate);
  });

  it('a sealed version cannot be deleted, not even with the governance bypass', async () => {
    const sealed = await seal('manifests/delete-me.json', 'sealed');

    for (const bypass of [undefined, true]) {
      await expect(
        client.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: s3Key('manifests/delete-me.json'),
            VersionId: sealed.versionId,
            BypassGovernanceRetention: bypass,
          }),
        ),
      ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    }
    await expect(readVersion('manifests/delete-me.json', sealed.versionId)).resolves.toEqual(sealed.body);
  });

  it('a sealed version keeps its retention: no shorter date, no switch to GOVERNANCE', async () => {
    const sealed = await seal('manifests/shorten-me.json', 'sealed');
    const retention = (Mode: 'COMPLIANCE' | 'GOVERNANCE', RetainUntilDate: Date) =>
      new PutObjectRetentionCommand({
        Bucket: bucket,
        Key: s3Key('manifests/shorten-me.json'),
        VersionId: sealed.versionId,
        Retention: { Mode, RetainUntilDate },
        BypassGovernanceRetention: true,
      });

    const refused = { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } };
    await expect(client.send(retention('COMPLIANCE', new Date(Date.now() + 60_000)))).rejects.toMatchObject(refused);
    await expect(client.send(retention('GOVERNANCE', new Date(Date.now() + 2 * DAY_MS)))).rejects.toMatchObject(refused);
    const head = await headObject(client, bucket, s3Key('manifests/shorten-me.json'));
    expect(head.ObjectLockMode).toBe('COMPLIANCE');
    expect(head.ObjectLockRetainUntilDate).toEqual(sealed.retainUntil);
  });

  it('a raw overwrite adds a version: the original stays readable and the vault refuses the altered one', async () => {
    const sealed = await seal('manifests/overwrite-me.json', 'original');

    const overwrite = await rawPut('manifests/overwrite-me.json', Buffer.from('forged'));

    expect(overwrite.VersionId).not.toBe(sealed.versionId);
    await expect(readVersion('manifests/overwrite-me.json', sealed.versionId)).resolves.toEqual(sealed.body);
    await expect(new Vault(storeFor(1)).readVerified('manifests/overwrite-me.json', sealed.sha256)).rejects.toMatchObject({
      code: 'VAULT_READ_MISMATCH',
    });
  });

  it('a delete without VersionId only hides the object behind a marker: the sealed version survives', async () => {
    const sealed = await seal('manifests/hide-me.json', 'sealed');

    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: s3Key('manifests/hide-me.json') }));

    await expect(new Vault(storeFor(1)).read('manifests/hide-me.json')).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
    await expect(readVersion('manifests/hide-me.json', sealed.versionId)).resolves.toEqual(sealed.body);
  });

  it('a conditional (If-None-Match) overwrite is refused or, where the store ignores it, only adds a version', async () => {
    const sealed = await seal('manifests/race-me.json', 'first writer');

    // AWS S3 answers 412; Ceph RGW 16.2 ignores If-None-Match on a versioned bucket (measured).
    const outcome = await rawPut('manifests/race-me.json', Buffer.from('second writer'), { IfNoneMatch: '*' }).then(
      () => 'new version',
      (e: Error) => e.name,
    );
    console.info(`S3 at ${settings.endpoint}: PutObject If-None-Match '*' on an existing key -> ${outcome}`);

    expect(['PreconditionFailed', 'new version']).toContain(outcome);
    await expect(readVersion('manifests/race-me.json', sealed.versionId)).resolves.toEqual(sealed.body);
  });

  it('lists keys under a prefix in byte order, without the store prefix', async () => {
    const store = storeFor(1);
    for (const key of ['listed/b.json', 'listed/a.json', 'listed/B.json']) {
      await store.putIfAbsent(key, Buffer.from(key), sha256Hex(key));
    }

    await expect(store.list('listed/')).resolves.toEqual(['listed/B.json', 'listed/a.json', 'listed/b.json']);
    await expect(store.exists('listed/a.json')).resolves.toBe(true);
    await expect(store.exists('listed/none.json')).resolves.toBe(false);
  });
});
