import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { KMS_RAW_MESSAGE_LIMIT, KmsSigner } from '../../src/signing/kms-signer';
import { LocalKeySigner } from '../../src/signing/local-signer';
import { publicKeyFingerprint } from '../../src/signing/public-key';
import { useTempDir } from '../support/temp';

/** The auditor's check, with the real openssl. */
async function opensslVerifies(dir: string, pem: string, message: Buffer, signature: Buffer): Promise<string> {
  const files = { key: path.join(dir, 'pub.pem'), msg: path.join(dir, 'm'), sig: path.join(dir, 'm.sig') };
  await Promise.all([fs.writeFile(files.key, pem), fs.writeFile(files.msg, message), fs.writeFile(files.sig, signature)]);
  return execFileSync('openssl', ['dgst', '-sha256', '-verify', files.key, '-signature', files.sig, files.msg]).toString();
}

describe('local key signer', () => {
  const tmp = useTempDir();

  it('creates a P-256 key once (mode 0600) and signs so that openssl verifies', async () => {
    const keyFile = path.join(tmp(), 'k.pem');
    const signer = await LocalKeySigner.openOrCreate(keyFile);
    expect((await fs.stat(keyFile)).mode & 0o777).toBe(0o600);
    const again = await LocalKeySigner.openOrCreate(keyFile);
    expect(await again.publicKeyPem()).toBe(await signer.publicKeyPem());
    const message = Buffer.from('{"schema":"evidence-vault/manifest/v1"}');
    const signature = await signer.sign(message);
    expect(await opensslVerifies(tmp(), await signer.publicKeyPem(), message, signature)).toBe('Verified OK\n');
  });

  it('refuses a key that is not P-256, naming the file', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = path.join(tmp(), 'rsa.pem');
    await fs.writeFile(keyFile, rsa);
    await expect(LocalKeySigner.openOrCreate(keyFile)).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(keyFile) as string });
  });

  it('refuses a file that is not a key', async () => {
    const keyFile = path.join(tmp(), 'junk.pem');
    await fs.writeFile(keyFile, 'not a key');
    await expect(LocalKeySigner.openOrCreate(keyFile)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('KMS signer', () => {
  const kms = mockClient(KMSClient);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const tmp = useTempDir();
  const keyDir = mkdtempSync(path.join(tmpdir(), 'kms-fake-'));
  writeFileSync(path.join(keyDir, 'key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  /** ECDSA over a given SHA-256 digest, as KMS does for MessageType DIGEST (node has no pre-hashed sign). */
  const signDigestWithOpenssl = (digest: Buffer): Buffer =>
    execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', path.join(keyDir, 'key.pem')], { input: digest });

  beforeEach(() => {
    kms.reset();
    kms.on(GetPublicKeyCommand).resolves({ KeyId: keyId, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', PublicKey: new Uint8Array(der), SigningAlgorithms: ['ECDSA_SHA_256'] });
    // Answer like KMS: a DER ECDSA signature over SHA-256 of the message (RAW) or over the given digest (DIGEST).
    kms.on(SignCommand).callsFake((input: { Message: Uint8Array; MessageType: string }) => ({
      KeyId: keyId,
      SigningAlgorithm: 'ECDSA_SHA_256',
      Signature: input.MessageType === 'RAW'
        ? sign('sha256', Buffer.from(input.Message), { key: privateKey, dsaEncoding: 'der' })
        : signDigestWithOpenssl(Buffer.from(input.Message)),
    }));
  });
  afterAll(() => kms.restore());

  it('exports the key as SPKI PEM with the same fingerprint', async () => {
    const signer = new KmsSigner(new KMSClient({ region: 'us-east-1' }), keyId);
    const pem = await signer.publicKeyPem();
    expect(pem).toContain('BEGIN PUBLIC KEY');
    expect(publicKeyFingerprint(pem)).toBe(publicKeyFingerprint(publicKey));
  });

  it('signs a small manifest as RAW with ECDSA_SHA_256', async () => {
    const signer = new KmsSigner(new KMSClient({ region: 'us-east-1' }), keyId);
    const message = Buffer.alloc(KMS_RAW_MESSAGE_LIMIT, 'a');
    const signature = await signer.sign(message);
    expect(kms).toHaveReceivedCommandWith(SignCommand, { KeyId: keyId, SigningAlgorithm: 'ECDSA_SHA_256', MessageType: 'RAW', Message: message });
    expect(await opensslVerifies(tmp(), await signer.publicKeyPem(), message, signature)).toBe('Verified OK\n');
  });

  it('signs a manifest over 4 KiB as its SHA-256 digest, verifiable by openssl over the file', async () => {
    const signer = new KmsSigner(new KMSClient({ region: 'us-east-1' }), keyId);
    const message = Buffer.alloc(KMS_RAW_MESSAGE_LIMIT + 1, 'b');
    const signature = await signer.sign(message);
    expect(kms).toHaveReceivedCommandWith(SignCommand, { MessageType: 'DIGEST', Message: createHash('sha256').update(message).digest() });
    expect(await opensslVerifies(tmp(), await signer.publicKeyPem(), message, signature)).toBe('Verified OK\n');
  });

  it('refuses a key that is not an ECC_NIST_P256 signing key', async () => {
    kms.on(GetPublicKeyCommand).resolves({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', PublicKey: new Uint8Array(der) });
    const signer = new KmsSigner(new KMSClient({ region: 'us-east-1' }), keyId);
    await expect(signer.publicKeyPem()).rejects.toMatchObject({ code: 'SIGNING_FAILED', message: expect.stringContaining('RSA_2048') as string });
  });

  it('reports AccessDenied on Sign as SIGNING_FAILED naming the key', async () => {
    kms.on(SignCommand).rejects(Object.assign(new Error('not authorized to perform kms:Sign'), { name: 'AccessDeniedException' }));
    const signer = new KmsSigner(new KMSClient({ region: 'us-east-1' }), keyId);
    await expect(signer.sign(Buffer.from('x'))).rejects.toMatchObject({ code: 'SIGNING_FAILED', message: expect.stringContaining(keyId) as string });
  });
});
