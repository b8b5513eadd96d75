import type { Recording, SampleCall, ServiceRoute } from '../route-types';
import { DETECTOR_CREATED_AT, detectorId, findingsOnDay, type GuardDutyFinding } from '../state/guardduty';
import { restJson1, restJsonOk } from '../wire/protocols';
import { pageOf, pageSize } from '../wire/paging';
import { jsonBody, type SampleRequest } from '../wire/request';
import type { SampleResponse } from '../wire/response';
import { criteriaProblem, matchesCriteria, sortFindings } from './guardduty-criteria';

/**
 * Amazon GuardDuty (restJson1, camelCase on the wire): ListDetectors (GET /detector),
 * GetDetector (GET /detector/{id}), ListFindings (POST …/findings), GetFindings (POST
 * …/findings/get) and GetFindingsStatistics (POST …/findings/statistics) as the GuardDuty
 * API Reference documents them. Errors are BadRequestException with `message`.
 */
const ROUTES: readonly [string, RegExp][] = [
  ['ListDetectors', /^GET \/detector$/],
  ['GetDetector', /^GET \/detector\/[^/]+$/],
  ['ListFindings', /^POST \/detector\/[^/]+\/findings$/],
  ['GetFindings', /^POST \/detector\/[^/]+\/findings\/get$/],
  ['GetFindingsStatistics', /^POST \/detector\/[^/]+\/findings\/statistics$/],
];

function operationOf(req: SampleRequest): string | undefined {
  const line = `${req.method} ${req.path.replace(/\/+$/, '')}`;
  return ROUTES.find(([, re]) => re.test(line))?.[0] ?? line;
}

const PROTOCOL = restJson1(operationOf);

function badRequest(call: SampleCall, message: string): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'BadRequestException', message });
}

/** The detector the path names, or GuardDuty's answer for a detector this account lacks. */
function withDetector(answer: (id: string, call: SampleCall, input: Readonly<Record<string, unknown>>) => SampleResponse): Recording {
  return (call) => {
    const named = decodeURIComponent(call.req.path.split('/')[2] ?? '');
    const own = detectorId(call.ctx.account.id, call.ctx.region);
    if (named !== own || own === '') return badRequest(call, 'The request is rejected because the input detectorId is not owned by the current account.');
    const input = jsonBody(call.req);
    if (!input) return badRequest(call, 'The request is rejected because the JSON could not be processed.');
    return answer(own, call, input);
  };
}

function criterionOf(input: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const criteria = input['findingCriteria'];
  const criterion = typeof criteria === 'object' && criteria !== null ? (criteria as Record<string, unknown>)['criterion'] : undefined;
  return typeof criterion === 'object' && criterion !== null ? (criterion as Record<string, unknown>) : {};
}

function matching(call: SampleCall, input: Readonly<Record<string, unknown>>): GuardDutyFinding[] | string {
  const criterion = criterionOf(input);
  const problem = criteriaProblem(criterion);
  if (problem) return problem;
  return findingsOnDay(call.ctx.account.id, call.ctx.region, call.ctx.day, call.ctx.startMs).filter((f) => matchesCriteria(f, criterion));
}

const listDetectors: Recording = (call) => {
  const size = pageSize(call.req.query['maxResults'], 50, 50);
  if (size === undefined) return badRequest(call, 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.');
  const own = detectorId(call.ctx.account.id, call.ctx.region);
  const page = pageOf(own === '' ? [] : [own], size, call.req.query['nextToken'], `ListDetectors|${call.ctx.account.id}|${call.ctx.region}`);
  if (!page) return badRequest(call, 'The request is rejected because the nextToken is invalid.');
  return restJsonOk(call.seed, { detectorIds: page.items, ...(page.next ? { nextToken: page.next } : {}) });
};

const FEATURES = ['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS', 'S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'LAMBDA_NETWORK_LOGS', 'RUNTIME_MONITORING'];
const DISABLED = new Set(['EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RUNTIME_MONITORING']);
const FEATURES_UPDATED = Date.parse('2024-02-06T18:22:47.000Z') / 1000;

const getDetector = withDetector((_id, call) => restJsonOk(call.seed, {
  createdAt: DETECTOR_CREATED_AT,
  findingPublishingFrequency: 'FIFTEEN_MINUTES',
  serviceRole: `arn:aws:iam::${call.ctx.account.id}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
  status: 'ENABLED',
  updatedAt: '2024-02-06T18:22:47.000Z',
  dataSources: {
    cloudTrail: { status: 'ENABLED' }, dnsLogs: { status: 'ENABLED' }, flowLogs: { status: 'ENABLED' }, s3Logs: { status: 'ENABLED' },
    kubernetes: { auditLogs: { status: 'DISABLED' } }, malwareProtection: { scanEc2InstanceWithFindings: { ebsVolumes: { status: 'DISABLED' } }, serviceRole: `arn:aws:iam::${call.ctx.account.id}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection` },
  },
  tags: { owner: 'security-engineering' },
  features: FEATURES.map((name) => ({ name, status: DISABLED.has(name) ? 'DISABLED' : 'ENABLED', updatedAt: FEATURES_UPDATED })),
}));

const listFindings = withDetector((id, call, input) => {
  const found = matching(call, input);
  if (typeof found === 'string') return badRequest(call, found);
  const sort = typeof input['sortCriteria'] === 'object' && input['sortCriteria'] !== null ? (input['sortCriteria'] as Record<string, unknown>) : {};
  const size = pageSize(input['maxResults'], 50, 50);
  if (size === undefined) return badRequest(call, 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.');
  const token = typeof input['nextToken'] === 'string' ? input['nextToken'] : undefined;
  const page = pageOf(sortFindings(found, sort['attributeName'], sort['orderBy']).map((f) => f.id), size, token, `ListFindings|${id}|${JSON.stringify(input['findingCriteria'] ?? {})}`);
  if (!page) return badRequest(call, 'The request is rejected because the nextToken is invalid.');
  return restJsonOk(call.seed, { findingIds: page.items, ...(page.next ? { nextToken: page.next } : {}) });
});

const getFindings = withDetector((_id, call, input) => {
  const ids = Array.isArray(input['findingIds']) ? input['findingIds'].map(String) : [];
  if (ids.length === 0 || ids.length > 50) return badRequest(call, 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.');
  const all = findingsOnDay(call.ctx.account.id, call.ctx.region, call.ctx.day, call.ctx.startMs);
  // Unknown ids are left out, in the order asked.
  return restJsonOk(call.seed, { findings: ids.flatMap((fid) => all.filter((f) => f.id === fid)) });
});

const getFindingsStatistics = withDetector((_id, call, input) => {
  const types = Array.isArray(input['findingStatisticTypes']) ? input['findingStatisticTypes'] : [];
  if (!types.includes('COUNT_BY_SEVERITY')) return badRequest(call, 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.');
  const found = matching(call, input);
  if (typeof found === 'string') return badRequest(call, found);
  const countBySeverity: Record<string, number> = {};
  for (const f of found) countBySeverity[f.severity.toFixed(1)] = (countBySeverity[f.severity.toFixed(1)] ?? 0) + 1;
  return restJsonOk(call.seed, { findingStatistics: { countBySeverity } });
});

export const GUARDDUTY_ROUTE: ServiceRoute = {
  signingName: 'guardduty',
  protocol: PROTOCOL,
  recordings: {
    ListDetectors: listDetectors, GetDetector: getDetector, ListFindings: listFindings, GetFindings: getFindings, GetFindingsStatistics: getFindingsStatistics,
  },
};
