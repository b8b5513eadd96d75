import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { createHash } from 'node:crypto';
import { EvidenceError, describeError } from '../core/errors';
import { spkiPem } from './public-key';
import type { Signer } from './signer';

/** KMS Sign takes a RAW message of at most 4096 bytes; larger ones are signed as a digest. */
export const KMS_RAW_MESSAGE_LIMIT = 4096;

/**
 * Signs with an AWS KMS asymmetric key (ECC_NIST_P256, SIGN_VERIFY) and ECDSA_SHA_256.
 * KMS returns a DER signature over SHA-256(message) in both modes: RAW (KMS hashes) for
 * small manifests, DIGEST (we hash) above KMS's 4 KiB RAW limit. Either way
 * `openssl dgst -sha256 -verify` checks the same signature over the same file.
 */
export class KmsSigner implements Signer {
  private publicKey: Promise<string> | undefined;

  constructor(
    private readonly client: KMSClient,
    readonly keyId: string,
  ) {}

  publicKeyPem(): Promise<string> {
    this.publicKey ??= this.fetchPublicKey();
    return this.publicKey;
  }

  async sign(message: Buffer): Promise<Buffer> {
    const raw = message.length <= KMS_RAW_MESSAGE_LIMIT;
    try {
      const out = await this.client.send(
        new SignCommand({
          KeyId: this.keyId,
          SigningAlgorithm: 'ECDSA_SHA_256',
          MessageType: raw ? 'RAW' : 'DIGEST',
          Message: raw ? message : createHash('sha256').update(message).digest(),
        }),
      );
      if (!out.Signature) throw new Error('KMS returned no signature');
      return Buffer.from(out.Signature);
    } catch (e) {
      throw new EvidenceError('SIGNING_FAILED', `KMS key ${this.keyId}: Sign failed: ${describeError(e)}`, { cause: e });
    }
  }

  private async fetchPublicKey(): Promise<string> {
    try {
      const out = await this.client.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
      if (out.KeySpec !== 'ECC_NIST_P256' || out.KeyUsage !== 'SIGN_VERIFY' || !out.PublicKey) {
        throw new Error(`expected an ECC_NIST_P256 SIGN_VERIFY key, found ${out.KeySpec ?? '?'} ${out.KeyUsage ?? '?'}`);
      }
      return spkiPem(out.PublicKey);
    } catch (e) {
      this.publicKey = undefined;
      throw new EvidenceError('SIGNING_FAILED', `KMS key ${this.keyId}: GetPublicKey failed: ${describeError(e)}`, { cause: e });
    }
  }
}
