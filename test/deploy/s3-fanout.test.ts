import { CreateBucketCommand, GetObjectRetentionCommand } from '@aws-sdk/client-s3';
import { MANIFEST_KEY_PATTERN } from '../../src/core/manifest';
import { MemoryStagingStore, S3StagingStore } from '../../src/pipeline/staging';
import { watchChain } from '../../src/pipeline/watch-chain';
import { S3ObjectStore } from '../../src/vault/s3-store';
import { Vault } from '../../src/vault/vault';
import { TEST_KEY } from '../support/keys';
import { createLockedBucket, describeWithS3, testS3Client } from '../support/s3';
import { dateOf, runFanOutDay, sealAgain } from './fanout';
import { recordingObservability, testSigner } from './lambda';

/**
 * The daily functions against a real S3 with Object Lock (Ceph RGW): staging in an ordinary
 * bucket, the vault in a locked one, as the deployment creates them.
 */
describeWithS3('the daily functions on S3 Object Lock', (settings) => {
  it('seal two days from S3 staging into the locked vault in COMPLIANCE mode, with every stored artifact listed, and a re-run adds nothing', async () => {
    const client = testS3Client(settings);
    const vaultBucket = await createLockedBucket(client, 'fanout');
    const stagingBucket = `${vaultBucket}-staging`.slice(0, 63);
    await client.send(new CreateBucketCommand({ Bucket: stagingBucket }));
    const vault = new Vault(new S3ObjectStore({ client, bucket: vaultBucket, prefix: 'evidence', retentionDays: 1 }));
    const staging = new S3StagingStore(client, stagingBucket);
    // The fan-out driver reads the item list back from memory; S3 holds what the functions write.
    const mirror = new MemoryStagingStore();
    const both = Object.assign(mirror, {
      put: async (key: string, body: Buffer | string) => {
        await staging.put(key, body);
        mirror.objects.set(key, Buffer.from(body));
      },
      get: (key: string) => staging.get(key),
      list: (prefix: string) => staging.list(prefix),
    });
    const setup = { vault, signer: testSigner(), staging: both, obs: recordingObservability() };

    const first = await runFanOutDay(setup, 0);
    const second = await runFanOutDay(setup, 1);
    expect(second.seal).toMatchObject({ alreadySealed: false, key: `manifests/${dateOf(1)}/00000001.json`, failedItems: 0 });

    const manifests = (await vault.list('manifests/')).filter((k) => MANIFEST_KEY_PATTERN.test(k));
    expect(manifests).toEqual([first.seal!.key, second.seal!.key]);
    const listed = new Set<string>();
    for (const key of manifests) for (const a of (JSON.parse((await vault.read(key)).toString('utf8')) as { artifacts: { key: string }[] }).artifacts) listed.add(a.key);
    const stored = await vault.list('artifacts/');
    expect(stored.filter((k) => !listed.has(k))).toEqual([]);
    const retention = await client.send(new GetObjectRetentionCommand({ Bucket: vaultBucket, Key: `evidence/${stored[0]!}` }));
    expect(retention.Retention?.Mode).toBe('COMPLIANCE');

    const again = await runFanOutDay(setup, 1);
    expect(again.plan).toMatchObject({ sealed: true, manifest: second.seal!.key });
    expect(await sealAgain(setup, 1)).toMatchObject({ alreadySealed: true, key: second.seal!.key });
    expect(await vault.list('')).toHaveLength(stored.length + 2 * manifests.length + 1);

    const watched = await watchChain({ vault, publicKeyPem: TEST_KEY.publicKeyPem, now: new Date(`${dateOf(2)}T10:00:00Z`) });
    expect(watched).toMatchObject({ verified: true, problems: [], checked: 2 });
  });
});
