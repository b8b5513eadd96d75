import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { FunctionConfig } from '../config/lambda-env';
import { S3StagingStore } from '../pipeline/staging';
import { KmsSigner } from '../signing/kms-signer';
import { createVaultS3Client, parseS3Url } from '../vault/s3-client';
import { S3ObjectStore } from '../vault/s3-store';
import { Vault } from '../vault/vault';

/** The deployed functions' AWS pieces, built once per container from their configuration. */
export function deployedVault(config: Pick<FunctionConfig, 'vaultUrl' | 'retentionDays'>): Vault {
  const location = parseS3Url(config.vaultUrl);
  return new Vault(new S3ObjectStore({ client: createVaultS3Client(), bucket: location.bucket, prefix: location.prefix, retentionDays: config.retentionDays }));
}

export function deployedStaging(config: FunctionConfig): S3StagingStore {
  return new S3StagingStore(new S3Client({}), config.stagingBucket);
}

export function deployedSigner(config: Pick<FunctionConfig, 'kmsKeyId'>): KmsSigner {
  return new KmsSigner(new KMSClient({}), config.kmsKeyId);
}

/** The account these functions run in (the management or delegated administrator account), cached. */
export function callerAccount(): () => Promise<string> {
  let account: Promise<string> | undefined;
  return () => {
    account ??= new STSClient({}).send(new GetCallerIdentityCommand({})).then((out) => {
      if (!out.Account) throw new Error('sts:GetCallerIdentity answered no account');
      return out.Account;
    });
    return account;
  };
}
