import type { DirectiveDefinitionInput } from '../directive';
import { exampleContacts } from './contacts';

export const bod1801: DirectiveDefinitionInput = {
  id: 'BOD-18-01',
  title: 'Enhance email and web security',
  issuer: 'DHS',
  authority: '44 U.S.C. 3553(b)(2)',
  issuedOn: '2017-10-16',
  contacts: exampleContacts('DHS'),
  milestones: [
    {
      id: 'plan',
      title: 'Agency plan of action',
      description: 'Develop and provide DHS an agency plan of action for the required email and web security actions.',
      clock: { from: 'issuance', offset: { amount: 30, unit: 'calendarDays' } },
      published: {
        date: '2017-11-16',
        reason: 'the date printed in BOD 18-01, one day later than 30 days from issuance',
      },
    },
    {
      id: 'status',
      title: 'Status report',
      description:
        'Report progress on the plan of action to DHS: first at day 60, then every 30 days until all required actions are complete.',
      clock: { from: 'issuance', offset: { amount: 60, unit: 'calendarDays' } },
      recurring: { everyDays: 30, until: 'dmarc-reject' },
    },
    {
      id: 'starttls',
      title: 'STARTTLS, SPF and DMARC p=none',
      description:
        'Ensure all internet-facing mail servers offer STARTTLS, all second-level domains have valid SPF records, and a DMARC policy of at least p=none with at least one reporting address.',
      clock: { from: 'issuance', offset: { amount: 90, unit: 'calendarDays' } },
      // Day 90 was Sunday 2018-01-14; the printed Monday was also Martin Luther King Jr. Day, so no roll rule gives it.
      published: {
        date: '2018-01-15',
        reason: 'the date printed in BOD 18-01: day 90 fell on a Sunday and DHS moved it to the Monday',
      },
    },
    {
      id: 'web-hygiene',
      title: 'Remove weak protocols and ciphers; HTTPS and HSTS',
      description:
        'Disable SSLv2 and SSLv3 and the 3DES and RC4 ciphers on web and mail servers; serve all publicly accessible federal websites and web services over HTTPS only, with HSTS.',
      clock: { from: 'issuance', offset: { amount: 120, unit: 'calendarDays' } },
    },
    {
      id: 'dmarc-report-address',
      title: 'Add the DHS DMARC reporting address',
      description:
        'Add the DHS reporting address to the DMARC records, within 15 days of DHS announcing it. Event-triggered: move the deadline when DHS announces the address.',
      clock: { from: 'none' },
    },
    {
      id: 'dmarc-reject',
      title: 'DMARC p=reject',
      description: 'Set a DMARC policy of p=reject for all second-level domains and mail-sending hosts.',
      clock: { from: 'issuance', offset: { amount: 365, unit: 'calendarDays' } },
    },
  ],
};
