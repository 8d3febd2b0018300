import type { DirectiveDefinitionInput } from '../directive';
import { exampleContacts } from './contacts';

/** Emergency directive: business days, federal holidays excluded (10 days only lands on 01-29 without MLK Day). */
export const ed2002: DirectiveDefinitionInput = {
  id: 'ED-20-02',
  title: 'Mitigate Windows vulnerabilities from January 2020 Patch Tuesday',
  issuer: 'CISA',
  authority: '44 U.S.C. 3553(h)',
  issuedOn: '2020-01-14',
  contacts: exampleContacts('CISA'),
  milestones: [
    {
      id: 'initial-report',
      title: 'Initial report',
      description: 'Report to CISA the status of applying the January 2020 security updates to affected endpoints.',
      clock: { from: 'issuance', offset: { amount: 3, unit: 'businessDays' } },
      dueTime: '17:00',
      reminderDaysBefore: [1],
    },
    {
      id: 'patch-all',
      title: 'Patch all endpoints; completion report',
      description:
        'Apply the January 2020 security updates to all affected endpoints and submit a completion report attested by the CIO.',
      clock: { from: 'issuance', offset: { amount: 10, unit: 'businessDays' } },
      reminderDaysBefore: [3, 1],
    },
  ],
};
