import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveSampleScope, type SampleHandlerOptions } from './options';
import { answerSampleRequest, type SampleScope } from './router';
import type { SampleRequest } from './wire/request';

/**
 * The sample organization over real HTTP, for `AWS_ENDPOINT_URL=<url>` with unmodified SDK
 * clients (or the AWS CLI). One server answers as one account; the region and service come
 * from each request's SigV4 credential scope, as a custom endpoint gives no other hint.
 */
export interface SampleServerOptions extends SampleHandlerOptions {
  readonly host?: string;
  readonly port?: number;
}

export interface SampleServer {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startSampleServer(options: SampleServerOptions): Promise<SampleServer> {
  const scope = resolveSampleScope(options, ['host', 'port']);
  const server = createServer((req, res) => {
    serve(scope, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

async function serve(scope: SampleScope, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413).end();
      return;
    }
    chunks.push(chunk);
  }
  const url = new URL(req.url ?? '/', 'http://sample.invalid');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const hostname = (headers['host'] ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const request: SampleRequest = {
    method: (req.method ?? 'GET').toUpperCase(), hostname, path: url.pathname, query, headers, body: Buffer.concat(chunks).toString('utf8'),
  };
  const answer = answerSampleRequest(scope, request);
  res.writeHead(answer.statusCode, { ...answer.headers });
  res.end(request.method === 'HEAD' ? undefined : answer.body);
}
