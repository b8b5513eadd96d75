import type { Recording, SampleCall, SampleContext, ServiceRoute } from '../route-types';
import { SAMPLE_TRAILS, trailStatusOnDay, type SampleTrail } from '../state/trails';
import { awsJson, jsonOk } from '../wire/protocols';
import { jsonBody } from '../wire/request';
import type { SampleResponse } from '../wire/response';

/**
 * AWS CloudTrail (awsJson1_1, X-Amz-Target CloudTrail_20131101.*), recorded from the
 * CloudTrail API Reference pages DescribeTrails, GetTrailStatus and GetEventSelectors.
 * Trails of another region or account (a multi-region or organization trail seen from
 * elsewhere) are "shadow trails": listed by DescribeTrails unless includeShadowTrails is
 * false, and addressable by ARN only.
 */
const PROTOCOL = awsJson('1.1', 'CloudTrail_20131101');

function visibleTrails(ctx: SampleContext): readonly SampleTrail[] {
  return SAMPLE_TRAILS.filter((t) => t.visibleTo.includes(ctx.account.id) && (t.visibleIn as readonly string[]).includes(ctx.region));
}

function isShadow(t: SampleTrail, ctx: SampleContext): boolean {
  return t.trail.HomeRegion !== ctx.region || t.owner !== ctx.account.id;
}

function matches(t: SampleTrail, ctx: SampleContext, nameOrArn: string): boolean {
  return nameOrArn.startsWith('arn:') ? t.trail.TrailARN === nameOrArn : t.trail.Name === nameOrArn && !isShadow(t, ctx);
}

function badInput(call: SampleCall, message: string): SampleResponse {
  return PROTOCOL.error(call.seed, { status: 400, code: 'SerializationException', message });
}

/** Finds the trail named by `field`, or answers TrailNotFoundException as CloudTrail words it. */
function withTrail(field: string, answer: (t: SampleTrail, call: SampleCall) => SampleResponse): Recording {
  return (call) => {
    const input = jsonBody(call.req);
    if (!input) return badInput(call, 'Request body is not a JSON object');
    const name = input[field];
    if (typeof name !== 'string' || name === '') {
      return PROTOCOL.error(call.seed, { status: 400, code: 'InvalidTrailNameException', message: 'Trail name cannot be blank!' });
    }
    const { ctx } = call;
    const trail = visibleTrails(ctx).find((t) => matches(t, ctx, name));
    if (!trail) {
      const arn = name.startsWith('arn:') ? name : `arn:aws:cloudtrail:${ctx.region}:${ctx.account.id}:trail/${name}`;
      return PROTOCOL.error(call.seed, { status: 400, code: 'TrailNotFoundException', message: `Unknown trail: ${arn} for the user: ${ctx.account.id}` });
    }
    return answer(trail, call);
  };
}

const describeTrails: Recording = (call) => {
  const input = jsonBody(call.req);
  if (!input) return badInput(call, 'Request body is not a JSON object');
  const { ctx } = call;
  const names = Array.isArray(input['trailNameList']) ? input['trailNameList'].filter((n): n is string => typeof n === 'string') : [];
  const includeShadow = input['includeShadowTrails'] !== false;
  const trails = visibleTrails(ctx)
    .filter((t) => includeShadow || !isShadow(t, ctx))
    .filter((t) => names.length === 0 || names.some((n) => matches(t, ctx, n)));
  return jsonOk(PROTOCOL, call.seed, { trailList: trails.map((t) => t.trail) });
};

export const CLOUDTRAIL_ROUTE: ServiceRoute = {
  signingName: 'cloudtrail',
  protocol: PROTOCOL,
  recordings: {
    DescribeTrails: describeTrails,
    GetTrailStatus: withTrail('Name', (t, call) => jsonOk(PROTOCOL, call.seed, trailStatusOnDay(t, call.ctx.day, call.ctx.startMs))),
    GetEventSelectors: withTrail('TrailName', (t, call) =>
      jsonOk(PROTOCOL, call.seed, { TrailARN: t.trail.TrailARN, EventSelectors: t.eventSelectors })),
  },
};
