// A real SMTP server on loopback that keeps every message it accepts as an .eml file. It is
// the embedded mail server of `npm start` (so development sees every message) and the SMTP
// peer of the tests. Production points SMTP_URL at a real relay instead.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMessage {
  file: string;
  messageId: string | undefined;
  to: string[];
  subject: string | undefined;
  date: string | undefined;
  text: string | undefined;
}

export interface MailCapture {
  url: string;
  port: number;
  stop(): Promise<void>;
  list(): Promise<CapturedMessage[]>;
}

export interface MailCaptureOptions {
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * Test hook, called with each message before it is accepted: 'refuse' answers with an SMTP
   * error, 'hang' never answers (the caller then kills the server), 'accept' stores it.
   */
  beforeAccept?: (raw: Buffer) => 'accept' | 'refuse' | 'hang';
}

export async function startMailCapture(options: MailCaptureOptions): Promise<MailCapture> {
  mkdirSync(options.dir, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  let counter = readdirSync(options.dir).length;
  // Set when a stop begins. From then on a message is refused, not stored: the stop cuts
  // connections 200 ms later, and a message stored after its connection was cut would never
  // get its 250, so the sender would send it again (RFC 1047's duplicate). A relay going down
  // answers "try later" instead, and the sender's retry is then the only copy.
  let stopping = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // On stop, connections still open after this long are cut: a stop is then like a crash.
    closeTimeout: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stopping) {
          callback(Object.assign(new Error('Server shutting down'), { responseCode: 421 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const verdict = options.beforeAccept?.(raw) ?? 'accept';
        if (verdict === 'hang') return;
        if (verdict === 'refuse') {
          callback(new Error('refused by the test'));
          return;
        }
        counter += 1;
        // Stored and answered in this one tick: the 250 is written to the still-open socket
        // right after the file, so nothing is kept that its sender was not told of.
        const name = `${Date.now()}-${String(counter).padStart(6, '0')}.eml`;
        writeFileSync(path.join(options.dir, name), raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    port,
    stop: () => {
      stopping = true;
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async list() {
      const files = readdirSync(options.dir)
        .filter((f) => f.endsWith('.eml'))
        .sort();
      const messages: CapturedMessage[] = [];
      for (const file of files) {
        const parsed = await simpleParser(readFileSync(path.join(options.dir, file)));
        const to = parsed.to
          ? (Array.isArray(parsed.to) ? parsed.to : [parsed.to]).flatMap((a) =>
              a.value.map((v) => v.address ?? ''),
            )
          : [];
        messages.push({
          file,
          messageId: parsed.messageId,
          to,
          subject: parsed.subject,
          date: parsed.date?.toISOString(),
          text: parsed.text,
        });
      }
      return messages;
    },
  };
}
