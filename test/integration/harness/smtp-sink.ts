import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message as the server received it: the envelope (who it was really delivered to) and the parsed content. */
export type ReceivedMail = { rcptTo: string[]; mail: ParsedMail; receivedAt?: number };

export type SmtpSink = {
  url: string;
  received: ReceivedMail[];
  /** Makes the server refuse RCPT TO for an address with this reply code, e.g. 550 (for good) or 450 (later). */
  refuse(address: string, responseCode: number, message: string): void;
  reset(): void;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (port chosen by the OS) that keeps what it receives, parsed by mailparser.
 * With a `clock` (e.g. the time-skipping server's), each message is stamped with the simulated time it arrived.
 */
export async function startSmtpSink(opts: { clock?: () => Promise<number> } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, { responseCode: number; message: string }>();

  const server = new SMTPServer({
    authOptional: true,
    // The server's self-signed certificate would fail nodemailer's opportunistic STARTTLS.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
    },
    onData(stream, session: SMTPServerSession, callback) {
      // Answer 250 only once the message is stored, so a test sees it as soon as the send resolves.
      Promise.all([simpleParser(stream), opts.clock?.()])
        .then(([mail, receivedAt]) => {
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), mail, receivedAt });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (address, responseCode, message) => refusals.set(address, { responseCode, message }),
    reset() {
      received.length = 0;
      refusals.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** A port nothing listens on: listen on port 0, note the port, close. */
export async function unusedPort(): Promise<number> {
  const server = new SMTPServer({ logger: false });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(resolve));
  return port;
}
