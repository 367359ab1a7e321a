// Requests Node's HTTP parser refuses before Express sees them (headers too large, a
// malformed request line, an unknown method, a request that took too long to arrive). Node
// answers them with an empty body; we answer problem+json like every other refusal, so a
// client has one error format to read.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

interface ClientError extends Error {
  code?: string;
}

/** The status Node itself would answer for this parser error (see node's _http_server.js). */
export function clientErrorStatus(code: string | undefined): { status: number; title: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, title: 'Request Header Fields Too Large' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, title: 'Content Too Large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, title: 'Request Timeout' };
    default:
      return { status: 400, title: 'Bad Request' };
  }
}

const DETAIL: Record<number, string> = {
  431: 'the request headers are larger than the server accepts',
  413: 'the request’s chunk extensions are larger than the server accepts',
  408: 'the request did not arrive in time',
  400: 'the request is not valid HTTP',
};

/** The whole raw HTTP response for a parser error, body included; the connection then closes. */
export function clientErrorResponse(
  code: string | undefined,
  requestId: string = randomUUID(),
): string {
  const { status, title } = clientErrorStatus(code);
  const body = JSON.stringify({
    type: 'about:blank',
    title,
    status,
    detail: DETAIL[status] ?? title,
    requestId,
  });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Answers the server's client errors as problem+json. A connection that is gone, or whose
 * response has already begun (a later request on a kept-alive connection), is only closed:
 * writing there would corrupt what the client is reading.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    const responding = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })
      ._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || responding?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(error.code));
  });
}
