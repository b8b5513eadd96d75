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

const FUNCTIONS = ['Plan', 'Collect', 'Seal', 'Pack', 'Watch', 'Incident', 'Drill'];
// The roles whose functions seal evidence into the chain: they write the vault and Sign.
const SEALERS = ['SealRole', 'PackRole', 'IncidentRole', 'DrillRole'];
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

  it('lets only the seal (collector), pack, incident and drill roles Sign, the auditor and watch roles read the public key, and the account administer it without using it', () => {
    const statements = pkg.resources.SigningKey!.Properties.KeyPolicy.Statement as Json[];
    for (const s of statements) expect(actionsOf(s)).not.toContain('kms:*');
    const signers = statements.filter((s) => actionsOf(s).includes('kms:Sign'));
    expect(signers).toHaveLength(1);
    expect(signers[0]!.Principal.AWS).toEqual(SEALERS.map((r) => getAtt(r)));
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

  it('gives each of the seven functions its own role, nodejs22.x on arm64', () => {
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

  it('uses Resource "*" only for calls AWS does not scope to a resource (the collectors\' reads, ListAccounts, the drill\'s DescribeAlarms)', () => {
    const readOnly = new Set(memberTemplateActions());
    // DescribeAlarms returns composite alarms only when allowed on "*" (CloudWatch API reference).
    const exceptions: Record<string, string[]> = { DrillRole: ['cloudwatch:DescribeAlarms'] };
    for (const [id] of byType('AWS::IAM::Role')) {
      const star = roleStatements(pkg.resources, id).filter((x) => x.Resource === '*').flatMap(actionsOf);
      if (exceptions[id]) expect(`${id}: ${star.join(', ')}`).toBe(`${id}: ${exceptions[id].join(', ')}`);
      else for (const a of star) expect(`${id}: ${a} ${readOnly.has(a) ? 'read-only' : 'WRITE OR UNLISTED'}`).toBe(`${id}: ${a} read-only`);
    }
  });

  it('lets the vault writers put and extend retention, never delete; only they write to the vault', () => {
    for (const role of SEALERS) {
      const vaultWrite = roleStatements(pkg.resources, role).find((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::Sub': '${VaultBucket.Arn}/*' }))!;
      expect(actionsOf(vaultWrite).sort()).toEqual(['s3:GetObject', 's3:GetObjectRetention', 's3:PutObject', 's3:PutObjectRetention']);
    }
    for (const role of ['PlanRole', 'CollectRole', 'WatchRole', 'AuditorRole']) {
      const writes = roleStatements(pkg.resources, role).filter((s) => JSON.stringify(s.Resource).includes('VaultBucket') && actionsOf(s).some((a) => a.startsWith('s3:Put')));
      expect(`${role}: ${writes.length}`).toBe(`${role}: 0`);
    }
  });

  it('gives kms:Sign on the signing key only, to the seal, pack, incident and drill roles', () => {
    for (const [id] of byType('AWS::IAM::Role')) {
      const sign = roleStatements(pkg.resources, id).filter((s) => actionsOf(s).includes('kms:Sign'));
      if (SEALERS.includes(id)) expect(sign.map((s): unknown => s.Resource)).toEqual([getAtt('SigningKey')]);
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
  it('go to a topic encrypted at rest with its own key, which only this account\'s alarms (and SNS for this account) may use', () => {
    expect(pkg.resources.EscalationTopic!.Properties.KmsMasterKeyId).toEqual(getAtt('TopicKey'));
    const key = pkg.resources.TopicKey!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const statements = key.Properties.KeyPolicy.Statement as Json[];
    const cw = statements.find((st) => st.Sid === 'AlarmsOfThisAccountPublish')!;
    expect(cw).toMatchObject({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
    expect(cw.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(cw.Condition.ArnLike['aws:SourceArn']).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*' });
    const use = statements.find((st) => st.Sid === 'UseThroughSnsByThisAccount')!;
    expect(use.Condition.StringEquals['kms:ViaService']).toEqual({ 'Fn::Sub': 'sns.${AWS::Region}.amazonaws.com' });
    // No statement lets anyone schedule the key's deletion or use it outside these two.
    expect(statements.flatMap(actionsOf)).not.toContain('kms:ScheduleKeyDeletion');
    expect(statements.map((st) => st.Sid as string)).toEqual(['KeyAdministration', 'UseThroughSnsByThisAccount', 'AlarmsOfThisAccountPublish']);
  });

  const alarm = (id: string): Json => pkg.resources[id]!.Properties;

  it('send every alarm to the escalation topic', () => {
    const alarms = byType('AWS::CloudWatch::Alarm');
    expect(alarms.map(([id]) => id).sort()).toEqual(['ChainVerificationAlarm', 'CollectionFailedAlarm', 'DrillErrorAlarm', 'DrillFailedAlarm', 'IncidentFailedAlarm', 'MissedDayAlarm', 'PackFailedAlarm', 'PartialCollectionAlarm']);
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
    for (const a of ['CollectionFailed', 'PartialCollection', 'MissedDay', 'ChainVerification', 'PackFailed', 'IncidentFailed', 'DrillError', 'DrillFailed']) expect(outputs[`${a}AlarmName`].Value).toEqual({ Ref: `${a}Alarm` });
    expect(pkg.resources.EscalationEmail!.Condition).toBe('HasAlarmEmail');
  });
});

describe('bundles and parameters', () => {
  // `serverless package` with every parameter changed from its default.
  let custom: Packaged;
  beforeAll(async () => {
    custom = await serverlessPackage(['--param=incidentMinSeverity=8.5', '--param=drillSchedule=cron(30 9 15 * ? *)', '--param=drillTimeoutSeconds=600', '--param=drillResetToOk=false', '--param=collectTime=05:30', '--param=packGraceDays=10', '--param=packTime=08:15', '--param=retentionDays=2557', '--param=mapMaxConcurrency=5', '--param=memberRoleName=AuditReader', '--param=regions=eu-west-1,us-east-1', '--param=alarmEmail=secops@example.com']);
  }, 300_000);
  afterAll(() => rmSync(custom.dir, { recursive: true, force: true }));

  it('builds one small bundle per function, each of which loads and exports its handler', () => {
    // Every function of serverless.yml, by its handler's file.
    const handlers = Object.entries(custom.resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([, r]) => [String(r.Properties.FunctionName).replace('evidence-vault-test-', ''), String(r.Properties.Handler).replace(/\.handler$/, '')] as const);
    expect(handlers.map(([fn]) => fn).sort()).toEqual(FUNCTIONS.map((f) => f.toLowerCase()).sort());
    const extract = mkdtempSync(path.join(tmpdir(), 'evidence-bundle-'));
    const sizes: string[] = [];
    try {
      for (const [fn, file] of handlers) {
        const zip = path.join(custom.dir, `${fn}.zip`);
        const size = statSync(zip).size;
        sizes.push(`${fn} ${(size / 1024).toFixed(0)} KiB`);
        expect(size).toBeLessThan(1024 * 1024);
        execFileSync('unzip', ['-q', '-o', zip, '-d', path.join(extract, fn)]);
        const env = { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', EVIDENCE_VAULT_URL: 's3://vault-bucket', EVIDENCE_STAGING_BUCKET: 'staging-bucket', EVIDENCE_KMS_KEY_ID: 'alias/signing', EVIDENCE_REGIONS: 'eu-west-1' };
        const out = execFileSync(process.execPath, ['-e', `console.log(typeof require(${JSON.stringify(path.join(extract, fn, `${file}.js`))}).handler)`], { env }).toString();
        expect(`${fn}: ${out.trim()}`).toBe(`${fn}: function`);
      }
    } finally {
      rmSync(extract, { recursive: true, force: true });
    }
    // The figures docs/deploy.md quotes (zipped, minified).
    process.stdout.write(`bundle sizes: ${sizes.join(', ')}\n`);
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
    expect(r.IncidentRule!.Properties.EventPattern.detail.severity).toEqual([{ numeric: ['>=', 8.5] }]);
    expect(r.IncidentLambdaFunction!.Properties.Environment.Variables.EVIDENCE_INCIDENT_MIN_SEVERITY).toBe('8.5');
    expect(rules).toContain('cron(30 9 15 * ? *)');
    expect(r.DrillLambdaFunction!.Properties.Environment.Variables).toMatchObject({ EVIDENCE_DRILL_TIMEOUT_SECONDS: '600', EVIDENCE_DRILL_RESET_TO_OK: 'false' });
  });

  it.each([
    ['retentionDays=2558', 'retentionDays: expected a whole number from 1 to 2557'],
    ['collectTime=6am', "collectTime: expected a UTC time HH:MM, found '6am'"],
    ['packGraceDays=28', 'packGraceDays: expected a whole number from 0 to 27'],
    ['incidentMinSeverity=11', "incidentMinSeverity: expected a GuardDuty severity from 0 to 10, found '11'"],
    ['drillSchedule=monthly', "drillSchedule: expected an EventBridge schedule expression"],
    ['drillTimeoutSeconds=900', 'drillTimeoutSeconds: expected a whole number from 10 to 780'],
  ])('refuses --param=%s, naming the parameter', async (param, message) => {
    expect(await serverlessPackageError([`--param=${param}`])).toContain(message);
  }, 120_000);
});

describe('incidents from GuardDuty findings', () => {
  const fn = (): Json => pkg.resources.IncidentLambdaFunction!.Properties;

  it('routes GuardDuty findings of severity 7 or more to the incident function, with the threshold in its environment', () => {
    const rule = pkg.resources.IncidentRule!.Properties;
    expect(rule.EventPattern).toEqual({ source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'], detail: { severity: [{ numeric: ['>=', 7] }] } });
    expect(rule.State).toBe('ENABLED');
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual(getAtt('IncidentLambdaFunction'));
    expect(pkg.resources.IncidentRulePermission!.Properties).toMatchObject({ Principal: 'events.amazonaws.com', SourceArn: getAtt('IncidentRule'), FunctionName: getAtt('IncidentLambdaFunction') });
    expect(fn()).toMatchObject({ Handler: 'functions/incident-from-finding.handler', Role: getAtt('IncidentRole') });
    expect(fn().Environment.Variables).toMatchObject({ EVIDENCE_INCIDENT_MIN_SEVERITY: '7', EVIDENCE_VAULT_URL: { 'Fn::Sub': 's3://${VaultBucket}' }, EVIDENCE_KMS_KEY_ID: getAtt('SigningKey'), EVIDENCE_RETENTION_DAYS: '400' });
    expect('EVIDENCE_ORGANIZATION' in fn().Environment.Variables).toBe(true);
  });

  it('runs one at a time (reserved concurrency 1)', () => {
    expect(fn().ReservedConcurrentExecutions).toBe(1);
  });

  it('keeps a finding that could not open an incident in an encrypted queue, and alarms on it', () => {
    const invoke = pkg.resources.IncidentInvokeConfig!.Properties;
    expect(invoke).toMatchObject({ FunctionName: { Ref: 'IncidentLambdaFunction' }, Qualifier: '$LATEST', MaximumRetryAttempts: 2 });
    expect(invoke.DestinationConfig.OnFailure.Destination).toEqual(getAtt('IncidentFailedQueue'));
    expect(pkg.resources.IncidentRule!.Properties.Targets[0].DeadLetterConfig).toEqual({ Arn: getAtt('IncidentFailedQueue') });
    const queue = pkg.resources.IncidentFailedQueue!.Properties;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.MessageRetentionPeriod).toBe(1209600);
    expect(statement('IncidentFailedQueuePolicy', 'UndeliverableFindingsFromTheRule')).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': getAtt('IncidentRule') } } });
    expect(statement('IncidentFailedQueuePolicy', 'TlsOnly')).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const alarm = pkg.resources.IncidentFailedAlarm!.Properties;
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    expect(alarm.Dimensions).toEqual([{ Name: 'QueueName', Value: getAtt('IncidentFailedQueue', 'QueueName') }]);
  });

  it('gives the incident role its logs, the vault writes, the data key through S3, the queue and Sign, nothing else', () => {
    const statements = roleStatements(pkg.resources, 'IncidentRole');
    expect(statements.flatMap(actionsOf).sort()).toEqual(
      ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:GetPublicKey', 'kms:Sign', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetObject', 's3:GetObjectRetention', 's3:ListBucket', 's3:PutObject', 's3:PutObjectRetention', 'sqs:SendMessage'],
    );
    expect(statements.find((s) => s.Action === 'sqs:SendMessage')!.Resource).toEqual(getAtt('IncidentFailedQueue'));
    expect(JSON.stringify(statements.find((s) => actionsOf(s).includes('logs:PutLogEvents'))!.Resource)).toContain('/aws/lambda/evidence-vault-test-incident:*');
  });
});

describe('escalation drills', () => {
  const fn = (): Json => pkg.resources.DrillLambdaFunction!.Properties;
  const alarmArn = { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*' };

  it('run monthly (the 1st, 10:00 UTC) for 15 minutes at most, one at a time, never retried', () => {
    const rules = byType('AWS::Events::Rule').map(([, r]) => r.Properties);
    const drill = rules.filter((r) => JSON.stringify(r.Targets).includes('DrillLambdaFunction'));
    expect(drill.map((r): unknown => r.ScheduleExpression)).toEqual(['cron(0 10 1 * ? *)']);
    expect(fn()).toMatchObject({ Handler: 'functions/drill.handler', Role: getAtt('DrillRole'), Timeout: 900, ReservedConcurrentExecutions: 1 });
    const invokeConfigs = byType('AWS::Lambda::EventInvokeConfig').map(([, r]) => r.Properties).filter((p) => p.FunctionName.Ref === 'DrillLambdaFunction');
    expect(invokeConfigs.map((p): unknown => p.MaximumRetryAttempts)).toEqual([0]);
  });

  it('drill only the alarms tagged evidence-vault:drill = true, with the workflow\'s settings', () => {
    expect(fn().Environment.Variables).toMatchObject({ EVIDENCE_DRILL_TAG: 'evidence-vault:drill', EVIDENCE_DRILL_TIMEOUT_SECONDS: '300', EVIDENCE_DRILL_RESET_TO_OK: 'true', EVIDENCE_KMS_KEY_ID: getAtt('SigningKey') });
    // Every statement of every role that allows SetAlarmState carries the tag condition.
    const setState = byType('AWS::IAM::Role').flatMap(([id]) => roleStatements(pkg.resources, id).filter((s) => actionsOf(s).includes('cloudwatch:SetAlarmState')).map((s) => [id, s] as const));
    expect(setState.map(([id]) => id)).toEqual(['DrillRole']);
    expect(setState[0]![1]).toEqual({ Sid: 'DrillOnlyOptedInAlarms', Effect: 'Allow', Action: 'cloudwatch:SetAlarmState', Resource: alarmArn, Condition: { StringEquals: { 'aws:ResourceTag/evidence-vault:drill': 'true' } } });
  });

  it('give the drill role its reads of alarms, subscriptions and SNS delivery logs, the vault writes and Sign, nothing else', () => {
    const statements = roleStatements(pkg.resources, 'DrillRole');
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'cloudwatch:DescribeAlarmHistory', 'cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource', 'cloudwatch:SetAlarmState',
      'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GetPublicKey', 'kms:Sign', 'logs:CreateLogStream', 'logs:FilterLogEvents', 'logs:PutLogEvents',
      's3:GetObject', 's3:GetObjectRetention', 's3:ListBucket', 's3:PutObject', 's3:PutObjectRetention', 'sns:ListSubscriptionsByTopic',
    ]);
    const resourceOf = (action: string): unknown => statements.find((s) => actionsOf(s).includes(action))!.Resource;
    expect(resourceOf('cloudwatch:DescribeAlarms')).toBe('*');
    expect(resourceOf('cloudwatch:DescribeAlarmHistory')).toEqual(alarmArn);
    expect(resourceOf('cloudwatch:ListTagsForResource')).toEqual(alarmArn);
    expect(resourceOf('sns:ListSubscriptionsByTopic')).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:*' });
    expect(resourceOf('logs:FilterLogEvents')).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:sns/${AWS::Region}/${AWS::AccountId}/*' });
  });

  it('alarm when the function fails, and when a drill fails (the error line it logs, counted by a metric filter)', () => {
    expect(pkg.resources.DrillErrorAlarm!.Properties).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'DrillLambdaFunction' } }], Threshold: 1 });
    const filter = pkg.resources.DrillsFailedMetricFilter!.Properties;
    expect(filter.LogGroupName).toEqual({ Ref: 'DrillLogGroup' });
    expect(filter.MetricTransformations).toEqual([{ MetricNamespace: 'EvidenceVault', MetricName: 'DrillsFailed', MetricValue: '1', Unit: 'Count' }]);
    expect(pkg.resources.DrillFailedAlarm!.Properties).toMatchObject({ Namespace: 'EvidenceVault', MetricName: 'DrillsFailed', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    // The pattern matches the line functions/drill.ts writes for a failed drill (Powertools JSON), not a passed one.
    const pattern = /^\{ \$\.level = "ERROR" && \$\.message = "(.+)\*" \}$/.exec(String(filter.FilterPattern));
    expect(pattern).not.toBeNull();
    const source = readFileSync(path.join(ROOT, 'functions', 'drill.ts'), 'utf8');
    expect(source).toContain(`logger.error('${pattern![1]!}`);
    expect(source).not.toContain(`logger.info('${pattern![1]!}`);
  });
});

/** The member template's granted actions (its one policy's Action list). */
function memberTemplateActions(): string[] {
  const text = readFileSync(path.join(ROOT, 'templates', 'member-account-read-role.yaml'), 'utf8');
  const block = /Action:\n((?:\s+- [\w-]+:\w+\n)+)/.exec(text);
  if (!block) throw new Error('templates/member-account-read-role.yaml: no Action list');
  return block[1]!.trim().split('\n').map((l) => l.trim().slice(2));
}
