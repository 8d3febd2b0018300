import type { DirectiveDefinitionInput } from '../directive';

/** Example-domain mailboxes: the built-in library must never mail a real agency or issuer. */
export function exampleContacts(issuer: 'DHS' | 'CISA'): DirectiveDefinitionInput['contacts'] {
  const prefix = issuer.toLowerCase();
  return {
    reviewer: { name: `${issuer} directive review desk`, email: 'bod-review@example.gov' },
    issuer: { name: `${issuer} directives team`, email: `${prefix}-directives@example.gov` },
    issuerLeadership: { name: `${issuer} leadership office`, email: `${prefix}-leadership@example.gov` },
  };
}
