import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';

export interface ScriptedResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * A request handler for real SDK clients that answers from a script, in order, and records
 * the requests: the SDK's serializers, deserializers and retry strategy all run for real.
 */
export class ScriptedHandler {
  readonly requests: HttpRequest[] = [];
  private next = 0;

  constructor(private readonly script: ScriptedResponse[]) {}

  handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    this.requests.push(request);
    const answer = this.script[Math.min(this.next++, this.script.length - 1)] as ScriptedResponse;
    return Promise.resolve({
      response: new HttpResponse({
        statusCode: answer.statusCode,
        headers: { 'content-length': String(Buffer.byteLength(answer.body)), ...answer.headers },
        body: Readable.from([Buffer.from(answer.body)]),
      }),
    });
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

/** AWS JSON-protocol throttling answer, as CloudTrail sends it. */
export function jsonThrottle(type = 'ThrottlingException'): ScriptedResponse {
  return {
    statusCode: 400,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message: 'Rate exceeded' }),
  };
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret' };
