import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EvidenceError, describeError } from '../core/errors';
import type { Signer } from './signer';

/**
 * Signs with a P-256 private key kept in a PEM file outside the vault (the local store's
 * counterpart of the KMS key). The file is created with mode 0600 the first time.
 */
export class LocalKeySigner implements Signer {
  private constructor(private readonly privateKey: KeyObject) {}

  static fromPem(pem: string, source = 'private key'): LocalKeySigner {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch (e) {
      throw new EvidenceError('CONFIG_INVALID', `${source}: not a PEM private key (${describeError(e)})`, { cause: e });
    }
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new EvidenceError('CONFIG_INVALID', `${source}: expected an EC P-256 (prime256v1) key, found ${key.asymmetricKeyType ?? 'unknown'} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`.trim());
    }
    return new LocalKeySigner(key);
  }

  /** Opens the key file, creating a new key there if none exists yet. */
  static async openOrCreate(file: string): Promise<LocalKeySigner> {
    try {
      return LocalKeySigner.fromPem(await fs.readFile(file, 'utf8'), file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        if (e instanceof EvidenceError) throw e;
        throw new EvidenceError('INPUT_UNREADABLE', `${file}: cannot read signing key: ${describeError(e)}`, { cause: e });
      }
    }
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    try {
      await fs.writeFile(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      // Another process created it first: use theirs, never replace a key.
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return LocalKeySigner.fromPem(await fs.readFile(file, 'utf8'), file);
      throw new EvidenceError('INPUT_UNREADABLE', `${file}: cannot create signing key: ${describeError(e)}`, { cause: e });
    }
    return new LocalKeySigner(privateKey);
  }

  publicKeyPem(): Promise<string> {
    return Promise.resolve(createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString());
  }

  sign(message: Buffer): Promise<Buffer> {
    return Promise.resolve(sign('sha256', message, { key: this.privateKey, dsaEncoding: 'der' }));
  }
}
