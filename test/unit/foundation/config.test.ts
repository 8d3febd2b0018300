import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConnectionConfig } from '../../../client/config';
import { loadWorkerConfig } from '../../../worker/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded dev server, the directives queue and the outbox', () => {
    const config = loadWorkerConfig({});
    expect(config.connection).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'directives',
      tls: undefined,
    });
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.mail.outboxDir).toBe(path.resolve('.data/outbox'));
  });

  it('takes the documented variables', () => {
    const config = loadWorkerConfig({
      TEMPORAL_ADDRESS: 'temporal.example.gov:7233',
      TEMPORAL_NAMESPACE: 'directives-prod',
      DIRECTIVES_TASK_QUEUE: 'bod',
      SMTP_URL: 'smtp://user:secret@mail.example.gov:587',
      MAIL_OUTBOX_DIR: '/tmp/outbox',
    });
    expect(config.connection).toMatchObject({
      address: 'temporal.example.gov:7233',
      namespace: 'directives-prod',
      taskQueue: 'bod',
    });
    expect(config.mail).toMatchObject({ smtpUrl: 'smtp://user:secret@mail.example.gov:587', outboxDir: '/tmp/outbox' });
  });

  it('stops with a message naming each bad variable', () => {
    const attempt = (): unknown =>
      loadWorkerConfig({ TEMPORAL_ADDRESS: 'not an address', SMTP_URL: 'http://mail.example.gov' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/TEMPORAL_ADDRESS: expected host:port/);
    expect(attempt).toThrow(/SMTP_URL: expected smtp:\/\//);
  });

  it('treats an empty variable as unset rather than invalid', () => {
    expect(loadConnectionConfig({ TEMPORAL_ADDRESS: '' }).address).toBe('127.0.0.1:7233');
  });

  it('turns on TLS for an API key (Temporal Cloud) and reads mTLS files', () => {
    expect(loadConnectionConfig({ TEMPORAL_API_KEY: 'key' })).toMatchObject({ apiKey: 'key', tls: {} });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    writeFileSync(path.join(dir, 'client.pem'), 'CERT');
    writeFileSync(path.join(dir, 'client.key'), 'KEY');
    const config = loadConnectionConfig({
      TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'client.pem'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'client.key'),
    });
    expect(config.tls).toMatchObject({ clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') } });
  });

  it('names the missing half of an mTLS pair and an unreadable file', () => {
    expect(() => loadConnectionConfig({ TEMPORAL_TLS_CLIENT_CERT_DATA: 'CERT' })).toThrow(
      /TEMPORAL_TLS_CLIENT_KEY_PATH\/_DATA: set both/,
    );
    expect(() => loadConnectionConfig({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/nowhere/ca.pem' })).toThrow(
      /TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read \/nowhere\/ca.pem \(ENOENT\)/,
    );
  });
});
