import path from 'node:path';
import { ConfigError } from '../../../client/config';
import { loadWorkerConfig } from '../../../worker/config';

describe('sent-ledger configuration', () => {
  it('keeps the local directory by default, with a claim timeout of 120 s', () => {
    const { mail } = loadWorkerConfig({});
    expect(mail.ledgerDatabaseUrl).toBeUndefined();
    expect(mail.ledgerDir).toBe(path.resolve('.data/sent-ledger'));
    expect(mail.claimTimeoutSeconds).toBe(120);
  });

  it('takes a PostgreSQL URL in either spelling, and a longer claim timeout', () => {
    for (const url of ['postgres://ledger:pw@db.example.gov:5432/directives', 'postgresql://db.example.gov/d']) {
      expect(loadWorkerConfig({ LEDGER_DATABASE_URL: url }).mail.ledgerDatabaseUrl).toBe(url);
    }
    expect(loadWorkerConfig({ LEDGER_CLAIM_TIMEOUT_SECONDS: '300' }).mail.claimTimeoutSeconds).toBe(300);
  });

  it('stops with a message naming the variable for a URL that is not PostgreSQL and a claim timeout too short', () => {
    const attempt = (): unknown =>
      loadWorkerConfig({ LEDGER_DATABASE_URL: 'mysql://db.example.gov/d', LEDGER_CLAIM_TIMEOUT_SECONDS: '10' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/LEDGER_DATABASE_URL: expected postgres:\/\//);
    expect(attempt).toThrow(/LEDGER_CLAIM_TIMEOUT_SECONDS: must be at least 60/);
  });
});
