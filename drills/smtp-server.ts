/**
 * The drills' SMTP server on 127.0.0.1: keeps one record per message it accepted (its Message-ID and notice key, read
 * from the message's own headers), and can be taken down and brought back on the same port, as a mail relay's
 * outage looks to the worker (connection refused, then accepted again).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  messageId: string;
  noticeKey: string;
  receivedAt: number;
}

export interface DrillSmtpServer {
  readonly url: string;
  readonly received: ReceivedMessage[];
  /** Stops listening: new connections are refused until `start` is called again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  readonly up: boolean;
}

/** The value of one header in a raw message (folded lines joined), or '' when absent. */
export function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const wanted = `${name.toLowerCase()}:`;
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(wanted));
  return line ? line.slice(wanted.length).trim() : '';
}

export async function startDrillSmtpServer(): Promise<DrillSmtpServer> {
  const received: ReceivedMessage[] = [];
  let port = 0;
  let server: SMTPServer | undefined;

  const create = (): SMTPServer =>
    new SMTPServer({
      authOptional: true,
      // Its self-signed certificate would fail nodemailer's opportunistic STARTTLS.
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          // 250 only once the message is recorded, as a real relay answers once it has queued the message.
          received.push({
            messageId: headerOf(raw, 'Message-ID'),
            noticeKey: headerOf(raw, 'X-Directive-Notice'),
            receivedAt: Date.now(),
          });
          callback();
        });
        stream.on('error', callback);
      },
    });

  const start = async (): Promise<void> => {
    const s = create();
    // A client that dies mid-session (the drill kills the worker) resets its connection: that is the drill, not a
    // fault of this server, and an unhandled 'error' would end the drill's own process.
    s.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  await start();
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    get up() {
      return server !== undefined;
    },
    start,
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
