/**
 * Who may do what in the portal, from verified email addresses: deny by default. An agency's contacts (agencies file,
 * plus officers from an optional roster file) act for that agency only; a directive's reviewer contact reviews its
 * plans; its issuer contacts see every agency bound by it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Agency } from '../../domain/agency';
import type { DirectiveDefinition } from '../../domain/directive';
import { boundedEmail, requiredId } from '../../domain/limits';
import { AGENCY_ROLES } from '../../domain/vocabulary';

/** What one signed-in person may see and do; every set may be empty but not all of them. */
export interface Access {
  email: string;
  /** Agencies whose obligations they report for (every directive). */
  agencies: ReadonlySet<string>;
  /** Directives whose submissions they review. */
  reviews: ReadonlySet<string>;
  /** Directives whose every obligation they see (the issuer). */
  issues: ReadonlySet<string>;
}

export interface Roster {
  accessFor(email: string): Access | undefined;
}

/** A roster file's entry: more officers of an agency, or more reviewers or issuer staff of a directive. */
const RosterEntry = z.discriminatedUnion(
  'role',
  [
    z.strictObject({ role: z.literal('officer'), email: boundedEmail(), agency: requiredId('agency') }),
    z.strictObject({ role: z.literal('reviewer'), email: boundedEmail(), directive: requiredId('directive') }),
    z.strictObject({ role: z.literal('issuer'), email: boundedEmail(), directive: requiredId('directive') }),
  ],
  { error: 'role must be "officer", "reviewer" or "issuer"' },
);
export type RosterEntry = z.infer<typeof RosterEntry>;

export class RosterFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterFileError';
  }
}

/** Reads a roster file (a JSON array of entries); the message names the file, the entry and the field. */
export function loadRosterFile(file: string): RosterEntry[] {
  const label = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message.replace(/\s+/g, ' ');
    throw new RosterFileError(`${label}: cannot read a JSON roster: ${reason}`);
  }
  if (!Array.isArray(json)) throw new RosterFileError(`${label}: expected a JSON array of roster entries`);
  return json.map((raw, i) => {
    const parsed = RosterEntry.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.map((p) => `.${String(p)}`).join('') ?? '';
    throw new RosterFileError(`${label}: [${i}]${field}: ${issue?.message ?? 'invalid entry'}`);
  });
}

/** The roster of the agencies and directives the portal serves, plus the roster file's entries. */
export function buildRoster(input: {
  agencies: readonly Agency[];
  directives: readonly DirectiveDefinition[];
  entries?: readonly RosterEntry[];
}): Roster {
  const agencyIds = new Set(input.agencies.map((a) => a.id));
  const directiveIds = new Set(input.directives.map((d) => d.id));
  const grants = new Map<string, { agencies: Set<string>; reviews: Set<string>; issues: Set<string> }>();
  const grant = (email: string) => {
    const key = email.toLowerCase();
    let g = grants.get(key);
    if (!g) grants.set(key, (g = { agencies: new Set(), reviews: new Set(), issues: new Set() }));
    return g;
  };

  for (const agency of input.agencies)
    for (const role of AGENCY_ROLES) grant(agency.contacts[role]).agencies.add(agency.id);
  for (const d of input.directives) {
    grant(d.contacts.reviewer.email).reviews.add(d.id);
    grant(d.contacts.issuer.email).issues.add(d.id);
    grant(d.contacts.issuerLeadership.email).issues.add(d.id);
  }
  for (const e of input.entries ?? []) {
    if (e.role === 'officer') {
      if (!agencyIds.has(e.agency)) throw new RosterFileError(`roster: ${e.email}: unknown agency ${e.agency}`);
      grant(e.email).agencies.add(e.agency);
    } else {
      if (!directiveIds.has(e.directive))
        throw new RosterFileError(`roster: ${e.email}: unknown directive ${e.directive}`);
      (e.role === 'reviewer' ? grant(e.email).reviews : grant(e.email).issues).add(e.directive);
    }
  }

  return {
    accessFor(email) {
      const key = email.toLowerCase();
      const g = grants.get(key);
      return g ? { email: key, ...g } : undefined;
    },
  };
}

/** May see the obligation (its page, its evidence): the agency's officers, the directive's reviewers and issuer. */
export function canSee(access: Access, directiveId: string, agencyId: string): boolean {
  return access.agencies.has(agencyId) || access.reviews.has(directiveId) || access.issues.has(directiveId);
}

/** May report the agency's milestones: its officers only. */
export function canReport(access: Access, agencyId: string): boolean {
  return access.agencies.has(agencyId);
}

/** May approve or reject the directive's submissions: its reviewers only. */
export function canReview(access: Access, directiveId: string): boolean {
  return access.reviews.has(directiveId);
}
