/** The bundled sample organization: recorded AWS answers served through the real SDK clients. */
export { createSampleRequestHandler } from './handler';
export { withLatency, withCallCounter, type CallCountingHandler } from './wrappers';
export { startSampleServer, type SampleServer, type SampleServerOptions } from './server';
export type { SampleHandlerOptions } from './options';
export { SAMPLE_ORGANIZATION, SAMPLE_ACCOUNTS, SAMPLE_REGIONS, SAMPLE_READ_ONLY_ROLE, STUDENT_DATA_TAG, findSampleAccount } from './organization';
export type { SampleAccount, SampleAccountRole, SampleOrganization, SampleRegion } from './organization';
export {
  SAMPLE_DRIFT, SAMPLE_DAYS, ORG_TRAIL_ARN, ORG_TRAIL_NAME, STUDENT_RECORDS_BUCKET, PROD_FLOW_LOG_GROUP, PROD_USW2_FLOW_LOG_ID,
  PROD_USW2_RECREATED_FLOW_LOG_ID, SECURITY_TOPIC, PAGER_ENDPOINT, TOR_FINDING_ID, isDriftActive,
} from './drift';
export type { DriftEffect, DriftItem } from './drift';
export { SAMPLE_START_DATE } from './clock';
export { SAMPLE_BUCKETS, COURSE_CONTENT_BUCKET, CLOUDTRAIL_ARCHIVE_BUCKET } from './state/buckets';
export type { SampleBucket } from './state/bucket-types';
export { SAMPLE_TRAILS } from './state/trails';
export { ORG_AGGREGATOR } from './services/config';
export { CREDENTIAL_REPORT_COLUMNS } from './state/credential-report';
export { runSampleDrills, runSampleDrill, sampleDrillDays, simulatedClock, SAMPLE_DRILL_ALARM, SAMPLE_DRILL_CHAIN, type SampleDrillStep } from './drills';
