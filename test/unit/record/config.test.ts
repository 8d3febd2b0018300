import path from 'node:path';
import { ConfigError } from '../../../client/config';
import { loadWorkerConfig } from '../../../worker/config';

describe('the compliance record in the configuration', () => {
  test('defaults to JSON Lines under .data/record and evidence under .data/evidence', () => {
    const { record } = loadWorkerConfig({});
    expect(record).toEqual({
      databaseUrl: undefined,
      dir: path.resolve('.data/record'),
      evidenceDir: path.resolve('.data/evidence'),
    });
  });

  test('RECORD_DATABASE_URL selects PostgreSQL', () => {
    const { record } = loadWorkerConfig({ RECORD_DATABASE_URL: 'postgres://engine:secret@db.example.gov:5432/record' });
    expect(record.databaseUrl).toBe('postgres://engine:secret@db.example.gov:5432/record');
  });

  test('a RECORD_DATABASE_URL that is not PostgreSQL stops the worker, naming the variable', () => {
    const attempt = (): unknown => loadWorkerConfig({ RECORD_DATABASE_URL: 'mysql://db.example.gov/record' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/RECORD_DATABASE_URL: expected postgres:\/\//);
  });
});
