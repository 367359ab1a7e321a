// Requests Node's HTTP parser refuses before Express sees them answer problem+json like
// every other refusal: headers too large (431) and a request that is not HTTP (400), through
// the real listening server of `api/server.ts`.
import { connect } from 'node:net';
import { loadConfig } from '../../../platform/config/env';
import { clientErrorResponse } from '../../../platform/http/client-errors';
import { listen } from '../../../api/server';
import { NO_TEMPORAL, useApiHarness } from '../../support/api-harness';

const h = useApiHarness({ demoData: false });
let api: Awaited<ReturnType<typeof listen>> | undefined;

beforeAll(async () => {
  const config = { ...loadConfig({}), http: { host: '127.0.0.1', port: 0 } };
  api = await listen({ config, prisma: h.db.prisma, client: NO_TEMPORAL.client });
});

afterAll(async () => {
  await api?.close();
});

/** Sends raw bytes and reads everything until the server closes the connection. */
function exchange(raw: string): Promise<string> {
  const address = api?.server.address();
  if (!address || typeof address === 'string') throw new Error('the server is not listening');
  return new Promise((resolve, reject) => {
    const socket = connect(address.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(raw);
  });
}

function parse(response: string) {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  const [statusLine = '', ...headers] = head.split('\r\n');
  const header = (name: string) =>
    headers
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim();
  return { statusLine, header, body: JSON.parse(body) as Record<string, unknown> };
}

test('headers larger than Node accepts answer 431 problem+json', async () => {
  const response = parse(
    await exchange(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
  );
  expect(response.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  expect(response.header('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  expect(response.body.requestId).toBe(response.header('x-request-id'));
});

test('a request that is not HTTP, or an unknown method, answers 400 problem+json', async () => {
  for (const raw of ['HELLO\r\n\r\n', 'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n']) {
    const response = parse(await exchange(raw));
    expect(response.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(response.header('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad Request' });
  }
});

test('the raw answer’s Content-Length is the body’s length in bytes', () => {
  for (const code of ['HPE_HEADER_OVERFLOW', 'ERR_HTTP_REQUEST_TIMEOUT', undefined]) {
    const raw = clientErrorResponse(code, 'req-1');
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({ type: 'about:blank', requestId: 'req-1' });
  }
});
