/** `npm run portal` refuses bad configuration at start: exit 2, a message naming the variable or the file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPortalProcess } from './harness';

test('a bad variable stops the portal at start with exit 2, naming each variable', async () => {
  await expect(startPortalProcess({ EVIDENCE_MAX_BYTES: 'lots', OIDC_CLIENT_ID: 'portal' })).rejects.toThrow(
    /exited \(2\)[\s\S]*EVIDENCE_MAX_BYTES: [\s\S]*OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three/,
  );
});

test('an unreadable agencies file or a roster naming an unknown agency stops it too, naming the file', async () => {
  await expect(startPortalProcess({ PORTAL_AGENCIES_FILE: '/nonexistent/agencies.json' })).rejects.toThrow(
    /exited \(2\)[\s\S]*agencies\.json: cannot read/,
  );
  const roster = path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-roster-')), 'roster.json');
  writeFileSync(roster, JSON.stringify([{ role: 'officer', email: 'deputy@nasa.example.gov', agency: 'NASA' }]));
  await expect(startPortalProcess({ PORTAL_ROSTER_FILE: roster })).rejects.toThrow(
    /exited \(2\)[\s\S]*deputy@nasa\.example\.gov: unknown agency NASA/,
  );
});
