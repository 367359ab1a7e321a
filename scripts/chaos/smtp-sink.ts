// The chaos suite's SMTP sink, as a process of its own so that it can be stopped and started:
// `node dist/scripts/chaos/smtp-sink.js <port> <dir>`. It keeps every accepted message as an
// .eml file in <dir> (notifications/mail-capture.ts); the suite counts Message-IDs there.
import { startMailCapture } from '../../platform/mail/mail-capture';

async function main(): Promise<void> {
  const [portText, dir] = process.argv.slice(2);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || !dir) {
    throw new Error('usage: node dist/scripts/chaos/smtp-sink.js <port> <dir>');
  }
  const capture = await startMailCapture({ dir, port });
  console.log(`SMTP sink listening on ${capture.url}, messages in ${dir}`);
  const stop = () => {
    capture.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
