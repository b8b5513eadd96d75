import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT, actionsOf, referenceCycles, roleStatements, serverlessPackage, serverlessPackageError, type Json, type Packaged } from './package';

// Real `serverless package` runs, one after the other in this one file: serverless-esbuild
// builds in the service's .esbuild folder, so two packages at once would share it.
let pkg: Packaged;
beforeAll(async () => {
  pkg = await serverlessPackage();
}, 300_000);
afterAll(() => rmSync(pkg.dir, { recursive: true, force: true }));

const FUNCTIONS = ['Plan', 'Collect', 'Seal', 'Pack', 'Watch'];
const byType = (type: string): [string, Packaged['resources'][string]][] => Object.entries(pkg.resources).filter(([, r]) => r.Type === type);
const getAtt = (logicalId: string, attr = 'Arn'): Json => ({ 'Fn::GetAtt': [logicalId, attr] });
const statement = (policy: string, sid: string): Json => {
  const found = (pkg.resources[policy]!.Properties.PolicyDocument.Statement as Json[]).find((s) => s.Sid === sid);
  if (!found) throw new Error(`${policy} has no statement ${sid}`);
  return found;
};

it('is a template CloudFormation accepts: no resource refers to itself through others', () => {
  expect(referenceCycles(pkg.resources)).toEqual([]);
  // The check itself: a key whose policy names a role whose policy names the key.
  const key = { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Principal: { 'Fn::GetAtt': ['Role', 'Arn'] } } } };
  const role = { Type: 'AWS::IAM::Role', Properties: { Policies: [{ Resource: { 'Fn::Sub': '${Key.Arn}' } }] } };
  expect(referenceCycles({ Key: key, Role: role })).toEqual(['Key -> Role -> Key']);
});

describe('the vault bucket', () => {
  it('has Object Lock in COMPLIANCE mode with the default 400-day retention, from creation', () => {
    const vault = pkg.resources.VaultBucket!;
    expect(vault.Properties.ObjectLockEnabled).toBe(true);
    expect(vault.Properties.ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } });
    expect(vault.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(vault.DeletionPolicy).toBe('Retain');
  });

  it('is encrypted with the customer data key, blocks public access, logs access to the log bucket, moves to cheaper storage after 90 days', () => {
    const p = pkg.resources.VaultBucket!.Properties;
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('DataKey') });
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: 'AccessLogBucket' });
    expect(p.LifecycleConfiguration.Rules[0].Transitions[0]).toEqual({ StorageClass: 'STANDARD_IA', TransitionInDays: 90 });
    expect(pkg.resources.DataKey!.Properties.EnableKeyRotation).toBe(true);
  });

  it('aborts multipart uploads a failed pack left behind; only the pack role may abort one, and only under packs/', () => {
    const rules = pkg.resources.VaultBucket!.Properties.LifecycleConfiguration.Rules as Json[];
    expect(rules).toContainEqual({ Id: 'abort-incomplete-multipart-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } });
    const aborting = Object.keys(pkg.resources).filter((id) => pkg.resources[id]!.Type === 'AWS::IAM::Role' && roleStatements(pkg.resources, id).some((st) => actionsOf(st).includes('s3:AbortMultipartUpload')));
    expect(aborting).toEqual(['PackRole']);
    const abort = roleStatements(pkg.resources, 'PackRole').filter((st) => actionsOf(st).includes('s3:AbortMultipartUpload'));
    expect(abort).toEqual([{ Effect: 'Allow', Action: 's3:AbortMultipartUpload', Resource: { 'Fn::Sub': '${VaultBucket.Arn}/packs/*' } }]);
  });

  it('denies deleting objects, bypassing governance and changing the lock configuration to everyone', () => {
    const deny = statement('VaultBucketPolicy', 'NoDeletingEvidence');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*' });
    expect(deny.Condition).toBeUndefined();
    expect(actionsOf(deny)).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutBucketObjectLockConfiguration']));
    expect(deny.Resource).toContainEqual({ 'Fn::Sub': '${VaultBucket.Arn}/*' });
  });

  it('denies shortening retention: a retention change must leave at least retention - 1 days', () => {
    const deny = statement('VaultBucketPolicy', 'NoShorteningRetention');
    expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 's3:PutObjectRetention' });
    expect(deny.Condition).toEqual({ NumericLessThan: { 's3:object-lock-remaining-retention-days': 399 } });
    expect(statement('VaultBucketPolicy', 'ComplianceModeOnly').Condition).toEqual({ StringNotEquals: { 's3:object-lock-mode': 'COMPLIANCE' } });
  });

  it.each(['VaultBucketPolicy', 'StagingBucketPolicy', 'AccessLogBucketPolicy'])('%s refuses every request not made over TLS', (policy) => {
    const tls = statement(policy, 'TlsOnly');
    expect(tls).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(tls.Resource).toHaveLength(2);
  });

  it('stages the fan-out in a bucket without Object Lock that expires what runs leave behind', () => {
    const p = pkg.resources.StagingBucket!.Properties;
    expect(p.ObjectLockEnabled).toBeUndefined();
    expect(p.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(7);
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(p.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
  });
});

describe('the signing key', () => {
  it('is an ECC_NIST_P256 SIGN_VERIFY key', () => {
    expect(pkg.resources.SigningKey!.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
  });

  it('lets only the seal (collector) and pack roles Sign, the auditor and watch roles read the public key, and the account administer it without using it', () => {
    const statements = pkg.resources.SigningKey!.Properties.KeyPolicy.Statement as Json[];
    for (const s of statements) expect(actionsOf(s)).not.toContain('kms:*');
    const signers = statements.filter((s) => actionsOf(s).includes('kms:Sign'));
    expect(signers).toHaveLength(1);
    expect(signers[0]!.Principal.AWS).toEqual([getAtt('SealRole'), getAtt('PackRole')]);
    const readers = statements.filter((s) => actionsOf(s).includes('kms:GetPublicKey') && !actionsOf(s).includes('kms:Sign'));
    expect(readers.flatMap((s) => s.Principal.AWS as Json[])).toEqual(expect.arrayContaining([getAtt('AuditorRole'), getAtt('WatchRole')]));
    const admin = statements.find((s) => s.Sid === 'KeyAdministrationNoUse')!;
    expect(actionsOf(admin).some((a) => /Sign|Verify|Get\*|GetPublicKey/.test(a))).toBe(false);
  });
});

describe('the schedules', () => {
  it('start the collection state machine daily at 06:00 UTC', () => {
    const rule = pkg.resources.CollectSchedule!.Properties;
    expect(rule.ScheduleExpression).toBe('cron(0 6 * * ? *)');
    expect(rule.Targets[0].Arn).toEqual({ Ref: 'CollectStateMachine' });
    expect(roleStatements(pkg.resources, 'CollectScheduleRole')).toEqual([{ Effect: 'Allow', Action: 'states:StartExecution', Resource: { Ref: 'CollectStateMachine' } }]);
  });

  it('run the pack the first day after each quarter plus the 3-day grace, and the watch daily', () => {
    const rules = byType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const pack = rules.find((r) => JSON.stringify(r.Targets).includes('PackLambdaFunction'))!;
    expect(pack.ScheduleExpression).toBe('cron(0 7 4 1,4,7,10 ? *)');
    const watch = rules.find((r) => JSON.stringify(r.Targets).includes('WatchLambdaFunction'))!;
    expect(watch.ScheduleExpression).toBe('cron(0 10 * * ? *)');
  });
});

describe('one least-privilege role per function', () => {
  const functions = (): [string, Json][] => byType('AWS::Lambda::Function').map(([id, r]) => [id, r.Properties]);

  it('gives each of the five functions its own role, nodejs22.x on arm64', () => {
    expect(functions().map(([id]) => id).sort()).toEqual(FUNCTIONS.map((f) => `${f}LambdaFunction`).sort());
    const roles = functions().map(([, p]) => (p.Role as Json)['Fn::GetAtt'][0] as string);
    expect(new Set(roles).size).toBe(FUNCTIONS.length);
    for (const role of roles) expect(pkg.resources[role]!.Type).toBe('AWS::IAM::Role');
    for (const [, p] of functions()) expect(p).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    expect(pkg.resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('never allows deleting from S3, and no action of any role is a wildcard', () => {
    for (const [id] of byType('AWS::IAM::Role')) {
      for (const s of roleStatements(pkg.resources, id)) {
        for (const a of actionsOf(s)) {
          expect(`${id} ${a}`).not.toMatch(/ s3:Delete/);
          expect(`${id} ${a}`).not.toContain('*');
        }
      }
    }
  });

  it('uses Resource "*" only for calls AWS does not scope to a resource (the collectors\' reads, ListAccounts)', () => {
    const readOnly = new Set(memberTemplateActions());
    for (const [id] of byType('AWS::IAM::Role')) {
      for (const s of roleStatements(pkg.resources, id).filter((x) => x.Resource === '*')) {
        for (const a of actionsOf(s)) expect(`${id}: ${a} ${readOnly.has(a) ? 'read-only' : 'WRITE OR UNLISTED'}`).toBe(`${id}: ${a} read-only`);
      }
    }
  });

  it('lets the vault writers put and extend retention, never delete; only they write to the vault', () => {
    for (const role of ['SealRole', 'PackRole']) {
      const vaultWrite = roleStatements(pkg.resources, role).find((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::Sub': '${VaultBucket.Arn}/*' }))!;
      expect(actionsOf(vaultWrite).sort()).toEqual(['s3:GetObject', 's3:GetObjectRetention', 's3:PutObject', 's3:PutObjectRetention']);
    }
    for (const role of ['PlanRole', 'CollectRole', 'WatchRole', 'AuditorRole']) {
      const writes = roleStatements(pkg.resources, role).filter((s) => JSON.stringify(s.Resource).includes('VaultBucket') && actionsOf(s).some((a) => a.startsWith('s3:Put')));
      expect(`${role}: ${writes.length}`).toBe(`${role}: 0`);
    }
  });

  it('gives kms:Sign on the signing key only, to the seal and pack roles', () => {
    for (const [id] of byType('AWS::IAM::Role')) {
      const sign = roleStatements(pkg.resources, id).filter((s) => actionsOf(s).includes('kms:Sign'));
      if (id === 'SealRole' || id === 'PackRole') expect(sign.map((s): unknown => s.Resource)).toEqual([getAtt('SigningKey')]);
      else expect(`${id}: ${sign.length}`).toBe(`${id}: 0`);
    }
  });

  it('lets the collector assume only the member role, and read exactly what the member role grants', () => {
    const statements = roleStatements(pkg.resources, 'CollectRole');
    const assume = statements.find((s) => s.Action === 'sts:AssumeRole')!;
    expect(assume.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/EvidenceVaultReadOnly' });
    const reads = statements.find((s) => s.Sid === 'CollectorReadsInTheManagementAccount')!;
    expect([...actionsOf(reads)].sort()).toEqual(memberTemplateActions().sort());
  });

  it('gives the auditor role GetObject on packs, manifests and the public key, and GetPublicKey, nothing else', () => {
    const statements = roleStatements(pkg.resources, 'AuditorRole');
    expect(statements.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GetPublicKey', 's3:GetObject', 's3:ListBucket']);
    const get = statements.find((s) => s.Action === 's3:GetObject')!;
    expect(get.Resource).toEqual(['packs/*', 'manifests/*', 'public-key.pem'].map((k) => ({ 'Fn::Sub': `\${VaultBucket.Arn}/${k}` })));
  });
});

describe('the daily fan-out', () => {
  const definition = (): Json => pkg.resources.CollectStateMachine!.Properties.Definition as Json;

  it('plans, maps over account x region with bounded concurrency on a Distributed Map, and seals', () => {
    const states = definition().States;
    expect(definition().StartAt).toBe('Plan');
    expect(states.Plan.Next).toBe('AlreadySealed');
    expect(states.AlreadySealed.Choices[0]).toMatchObject({ Variable: '$.sealed', BooleanEquals: true, Next: 'NothingToDo' });
    const map = states.CollectItems;
    expect(map).toMatchObject({ Type: 'Map', MaxConcurrency: 40, ToleratedFailurePercentage: 100, Next: 'Seal' });
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
    expect(map.ItemReader.Resource).toBe('arn:aws:states:::s3:getObject');
    expect(states.Seal.End).toBe(true);
    const subs = pkg.resources.CollectStateMachine!.Properties.DefinitionSubstitutions;
    expect(subs).toEqual({ PlanFunction: getAtt('PlanLambdaFunction'), CollectFunction: getAtt('CollectLambdaFunction'), SealFunction: getAtt('SealLambdaFunction'), StagingBucket: { Ref: 'StagingBucket' } });
  });

  it('retries each item on throttling and service errors, and records a failure instead of failing the run', () => {
    const item = definition().States.CollectItems.ItemProcessor.States;
    expect(item.CollectItem.Retry[0].ErrorEquals).toEqual(expect.arrayContaining(['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'ThrottlingException']));
    expect(item.CollectItem.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' }]);
    expect(item.RecordFailure.Resource).toBe('arn:aws:states:::aws-sdk:s3:putObject');
    expect(item.RecordFailure.Parameters['Key.$']).toBe("States.Format('staging/{}/failures/{}/{}.json', $.date, $.item.account, $.item.region)");
  });

  it('lets the state machine invoke its three functions only, and start only its own child executions', () => {
    const statements = roleStatements(pkg.resources, 'CollectStateMachineRole');
    const invoke = statements.find((s) => s.Action === 'lambda:InvokeFunction')!;
    expect(invoke.Resource).toEqual(['Plan', 'Collect', 'Seal'].map((f) => getAtt(`${f}LambdaFunction`)));
    expect(pkg.resources.CollectStateMachine!.Properties.StateMachineName).toBe('evidence-vault-test-collect');
    expect(statements.find((s) => s.Action === 'states:StartExecution')!.Resource).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:evidence-vault-test-collect' });
  });
});

describe('alarms', () => {
  const alarm = (id: string): Json => pkg.resources[id]!.Properties;

  it('send every alarm to the escalation topic', () => {
    const alarms = byType('AWS::CloudWatch::Alarm');
    expect(alarms.map(([id]) => id).sort()).toEqual(['ChainVerificationAlarm', 'CollectionFailedAlarm', 'MissedDayAlarm', 'PackFailedAlarm', 'PartialCollectionAlarm']);
    for (const [, a] of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: 'EscalationTopic' }]);
  });

  it('watch failed runs, partial collections, missed days and the chain', () => {
    expect(JSON.stringify(alarm('CollectionFailedAlarm').Metrics)).toContain('ExecutionsFailed');
    expect(alarm('PartialCollectionAlarm')).toMatchObject({ Namespace: 'EvidenceVault', MetricName: 'Gaps', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    expect(alarm('MissedDayAlarm')).toMatchObject({ MetricName: 'DaySealed', Period: 86400, TreatMissingData: 'breaching', ComparisonOperator: 'LessThanThreshold', Threshold: 1 });
    expect(alarm('ChainVerificationAlarm')).toMatchObject({ MetricName: 'ChainVerified', TreatMissingData: 'breaching' });
    expect(alarm('MissedDayAlarm').Dimensions).toEqual([{ Name: 'service', Value: 'evidence-vault' }]);
  });

  it('export the topic and the alarm names for the incident and drill functions', () => {
    const outputs = pkg.template.Outputs as Json;
    expect(outputs.EscalationTopicArn.Value).toEqual({ Ref: 'EscalationTopic' });
    for (const a of ['CollectionFailed', 'PartialCollection', 'MissedDay', 'ChainVerification', 'PackFailed']) expect(outputs[`${a}AlarmName`].Value).toEqual({ Ref: `${a}Alarm` });
    expect(pkg.resources.EscalationEmail!.Condition).toBe('HasAlarmEmail');
  });
});

describe('bundles and parameters', () => {
  // `serverless package` with every parameter changed from its default.
  let custom: Packaged;
  beforeAll(async () => {
    custom = await serverlessPackage(['--param=collectTime=05:30', '--param=packGraceDays=10', '--param=packTime=08:15', '--param=retentionDays=2557', '--param=mapMaxConcurrency=5', '--param=memberRoleName=AuditReader', '--param=regions=eu-west-1,us-east-1', '--param=alarmEmail=secops@example.com']);
  }, 300_000);
  afterAll(() => rmSync(custom.dir, { recursive: true, force: true }));

  it('builds one small bundle per function, each of which loads and exports its handler', () => {
    const extract = mkdtempSync(path.join(tmpdir(), 'evidence-bundle-'));
    try {
      for (const fn of ['plan', 'collect', 'seal', 'pack', 'watch']) {
        const zip = path.join(custom.dir, `${fn}.zip`);
        expect(statSync(zip).size).toBeLessThan(1024 * 1024);
        execFileSync('unzip', ['-q', '-o', zip, '-d', path.join(extract, fn)]);
        const env = { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', EVIDENCE_VAULT_URL: 's3://vault-bucket', EVIDENCE_STAGING_BUCKET: 'staging-bucket', EVIDENCE_KMS_KEY_ID: 'alias/signing', EVIDENCE_REGIONS: 'eu-west-1' };
        const out = execFileSync(process.execPath, ['-e', `console.log(typeof require(${JSON.stringify(path.join(extract, fn, 'functions', `${fn}.js`))}).handler)`], { env }).toString();
        expect(`${fn}: ${out.trim()}`).toBe(`${fn}: function`);
      }
    } finally {
      rmSync(extract, { recursive: true, force: true });
    }
  });

  it('applies the parameters: schedules, retention, concurrency, member role, regions, e-mail', () => {
    const r = custom.resources;
    expect(r.CollectSchedule!.Properties.ScheduleExpression).toBe('cron(30 5 * * ? *)');
    const rules = Object.values(r).filter((x) => x.Type === 'AWS::Events::Rule').map((x) => x.Properties.ScheduleExpression as string);
    expect(rules).toContain('cron(15 8 11 1,4,7,10 ? *)');
    expect(r.VaultBucket!.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Days: 2557 });
    expect(JSON.stringify(r.VaultBucketPolicy!.Properties)).toContain('"s3:object-lock-remaining-retention-days":2556');
    expect(r.CollectStateMachine!.Properties.Definition.States.CollectItems.MaxConcurrency).toBe(5);
    expect(JSON.stringify(r.CollectRole!.Properties)).toContain(':role/AuditReader');
    expect(r.PlanLambdaFunction!.Properties.Environment.Variables).toMatchObject({ EVIDENCE_REGIONS: 'eu-west-1,us-east-1', EVIDENCE_RETENTION_DAYS: '2557', EVIDENCE_MEMBER_ROLE: 'AuditReader' });
    expect(r.EscalationEmail!.Properties.Endpoint).toBe('secops@example.com');
  });

  it.each([
    ['retentionDays=2558', 'retentionDays: expected a whole number from 1 to 2557'],
    ['collectTime=6am', "collectTime: expected a UTC time HH:MM, found '6am'"],
    ['packGraceDays=28', 'packGraceDays: expected a whole number from 0 to 27'],
  ])('refuses --param=%s, naming the parameter', async (param, message) => {
    expect(await serverlessPackageError([`--param=${param}`])).toContain(message);
  }, 120_000);
});

/** The member template's granted actions (its one policy's Action list). */
function memberTemplateActions(): string[] {
  const text = readFileSync(path.join(ROOT, 'templates', 'member-account-read-role.yaml'), 'utf8');
  const block = /Action:\n((?:\s+- [\w-]+:\w+\n)+)/.exec(text);
  if (!block) throw new Error('templates/member-account-read-role.yaml: no Action list');
  return block[1]!.trim().split('\n').map((l) => l.trim().slice(2));
}
