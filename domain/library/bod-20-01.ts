import type { DirectiveDefinitionInput } from '../directive';
import { exampleContacts } from './contacts';

/** BOD 20-01 rolls deadlines that land on a weekend or federal holiday to the next business day. */
export const bod2001: DirectiveDefinitionInput = {
  id: 'BOD-20-01',
  title: 'Develop and publish a vulnerability disclosure policy',
  issuer: 'CISA',
  authority: '44 U.S.C. 3553(b)(2)',
  issuedOn: '2020-09-02',
  contacts: exampleContacts('CISA'),
  milestones: [
    {
      id: 'security-contacts',
      title: 'Security contacts',
      description: 'Update the security contact of every .gov domain registered by the agency.',
      clock: { from: 'issuance', offset: { amount: 30, unit: 'calendarDays' } },
      roll: 'nextBusinessDay',
    },
    {
      id: 'publish-vdp',
      title: 'Publish the vulnerability disclosure policy',
      description: 'Publish a vulnerability disclosure policy and the handling procedures that support it.',
      clock: { from: 'issuance', offset: { amount: 180, unit: 'calendarDays' } },
      roll: 'nextBusinessDay',
    },
    {
      id: 'scope-expansion',
      title: 'Expand the policy scope',
      description:
        'Add at least one more internet-accessible system or service to the scope of the policy: first by day 270, then every 90 days.',
      clock: { from: 'issuance', offset: { amount: 270, unit: 'calendarDays' } },
      roll: 'nextBusinessDay',
      // Days 270, 360 … 720: the series ends before the two-year mark, when everything must be in scope.
      recurring: { everyDays: 90, until: 'scope-all', count: 6 },
    },
    {
      id: 'scope-all',
      title: 'All internet-accessible systems in scope',
      description: 'Bring all internet-accessible systems and services into the scope of the policy.',
      clock: { from: 'issuance', offset: { amount: 24, unit: 'months' } },
      roll: 'nextBusinessDay',
    },
  ],
};
