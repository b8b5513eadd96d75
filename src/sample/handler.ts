import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/core/protocols';
import { resolveSampleScope, type SampleHandlerOptions } from './options';
import { answerSampleRequest } from './router';
import type { SampleRequest } from './wire/request';

/**
 * A smithy HttpHandler that answers from the sample organization instead of the network:
 * pass it as `requestHandler` to any AWS SDK v3 client. The SDK's own serializers, signers
 * and deserializers run unchanged, so the collectors see exactly what they would see from AWS.
 */
export function createSampleRequestHandler(options: SampleHandlerOptions): HttpHandler {
  const scope = resolveSampleScope(options);
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: HttpRequest, handlerOptions?: { abortSignal?: { aborted: boolean } }) {
      if (handlerOptions?.abortSignal?.aborted) {
        const abort = new Error('Request aborted');
        abort.name = 'AbortError';
        throw abort;
      }
      const answer = answerSampleRequest(scope, await toSampleRequest(request));
      return {
        response: new HttpResponse({ statusCode: answer.statusCode, headers: { ...answer.headers }, body: Buffer.from(answer.body, 'utf8') }),
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
}

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Decode the bytes directly: the SDK's JSON body adapter warns when its string view is used.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  return '';
}

async function toSampleRequest(request: HttpRequest): Promise<SampleRequest> {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.query ?? {})) {
    query[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  const body: unknown = request.body;
  return { method: request.method.toUpperCase(), hostname: request.hostname, path: request.path, query, headers, body: await bodyText(body) };
}
