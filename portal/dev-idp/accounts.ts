/**
 * The development identity provider's accounts: every address the portal knows (the agencies' contacts, the
 * directives' contacts, the roster file), each with a subject that is not the address, as a real provider's is not.
 * Any other well-formed address may sign in too: the roster, not the identity provider, decides access.
 */
import { createHash } from 'node:crypto';
import type { Agency } from '../../domain/agency';
import type { DirectiveDefinition } from '../../domain/directive';
import type { RosterEntry } from '../access/roster';

export interface DevAccount {
  email: string;
  name?: string;
  /** What the login page says about the address, e.g. "DOJ: compliance officer". */
  label: string;
}

const AGENCY_ROLE_LABELS = { complianceOfficer: 'compliance officer', cio: 'CIO', head: 'agency head' } as const;

/** Stable across restarts, so a session outlives the provider; opaque, so logs of subjects reveal no address. */
export function devSubject(email: string): string {
  return createHash('sha256').update(`dev-idp:${email.toLowerCase()}`).digest('hex').slice(0, 32);
}

export function devAccounts(input: {
  agencies: readonly Agency[];
  directives: readonly DirectiveDefinition[];
  entries?: readonly RosterEntry[];
}): DevAccount[] {
  const accounts = new Map<string, DevAccount>();
  const add = (email: string, label: string, name?: string): void => {
    const key = email.toLowerCase();
    if (!accounts.has(key)) accounts.set(key, { email: key, label, name });
  };
  for (const d of input.directives) {
    add(d.contacts.reviewer.email, `${d.id}: reviewer`, d.contacts.reviewer.name);
    add(d.contacts.issuer.email, `${d.id}: issuer`, d.contacts.issuer.name);
    add(d.contacts.issuerLeadership.email, `${d.id}: issuer leadership`, d.contacts.issuerLeadership.name);
  }
  for (const a of input.agencies)
    for (const [role, label] of Object.entries(AGENCY_ROLE_LABELS))
      add(a.contacts[role as keyof typeof AGENCY_ROLE_LABELS], `${a.id}: ${label}`, `${a.name} ${label}`);
  for (const e of input.entries ?? [])
    add(
      e.email,
      e.role === 'officer' ? `${e.agency}: officer (roster file)` : `${e.directive}: ${e.role} (roster file)`,
    );
  return [...accounts.values()];
}
