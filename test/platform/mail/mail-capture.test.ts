// The mail capture is the SMTP peer of the tests and the chaos suite, which counts its files
// to prove that no notice is sent twice. So it must never keep a message whose sender was not
// told "250": once a stop has begun, a message is answered 421 and not stored.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MailCapture } from '../../../platform/mail/mail-capture';
import { startMailCapture } from '../../../platform/mail/mail-capture';

/** A bare SMTP client: sends a line and waits for the server's final reply line to it. */
function smtpSession(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  let waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  const deliver = () => {
    // A final reply line is "NNN text"; "NNN-text" lines continue a multi-line reply.
    const match = /^(\d{3}) .*\r\n/m.exec(buffer);
    if (!match || !waiting) return;
    buffer = buffer.slice(match.index + match[0].length);
    const { resolve } = waiting;
    waiting = undefined;
    resolve(match[0].trim());
  };
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    deliver();
  });
  socket.on('close', () => waiting?.reject(new Error(`connection closed; unread: ${buffer}`)));
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiting = { resolve, reject };
      deliver();
    });
  return {
    reply,
    send(text: string) {
      socket.write(text);
      return reply();
    },
    /** Writes without waiting for an answer (part of a message's data). */
    write(text: string) {
      socket.write(text);
    },
    end: () => socket.destroy(),
  };
}

/** Opens a transaction up to the message's data, which the caller then sends. */
async function openData(port: number) {
  const session = smtpSession(port);
  expect(await session.reply()).toMatch(/^220 /);
  expect(await session.send('EHLO test.example\r\n')).toMatch(/^250 /);
  expect(await session.send('MAIL FROM:<system@example.gov.cn>\r\n')).toMatch(/^250 /);
  expect(await session.send('RCPT TO:<reviewer@example.gov.cn>\r\n')).toMatch(/^250 /);
  expect(await session.send('DATA\r\n')).toMatch(/^354 /);
  session.write('Message-ID: <m-1@fengqiao>\r\nSubject: test\r\n\r\n待审核\r\n');
  return session;
}

const dirs: string[] = [];
let capture: MailCapture | undefined;

function newDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fq-capture-'));
  dirs.push(dir);
  return dir;
}

const stored = (dir: string) => readdirSync(dir).filter((file) => file.endsWith('.eml'));

afterEach(async () => {
  await capture?.stop();
  capture = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('a message finished before a stop is stored and answered 250', async () => {
  const dir = newDir();
  capture = await startMailCapture({ dir });
  const session = await openData(capture.port);
  expect(await session.send('.\r\n')).toMatch(/^250 /);
  session.end();
  expect(stored(dir)).toHaveLength(1);
});

test('a message whose data ends after a stop began is answered 421 and not stored', async () => {
  const dir = newDir();
  const stopping = await startMailCapture({ dir });
  const session = await openData(stopping.port);
  const stopped = stopping.stop();
  expect(await session.send('.\r\n')).toMatch(/^421 /);
  session.end();
  await stopped;
  expect(stored(dir)).toEqual([]);
});
