import type { DirectiveDefinitionInput } from '../directive';
import { exampleContacts } from './contacts';

/** Month-based offsets: same day of the month, 3 to 24 months on. */
export const bod2602: DirectiveDefinitionInput = {
  id: 'BOD-26-02',
  title: 'End-of-support edge devices',
  issuer: 'CISA',
  authority: '44 U.S.C. 3553(b)(2)',
  issuedOn: '2026-02-05',
  contacts: exampleContacts('CISA'),
  milestones: [
    {
      id: 'inventory',
      title: 'Inventory end-of-support edge devices',
      description:
        'Inventory the edge devices on agency networks that are past, or near, their end of vendor support, and report it to CISA.',
      clock: { from: 'issuance', offset: { amount: 3, unit: 'months' } },
    },
    {
      id: 'decommission',
      title: 'Decommission listed devices',
      description: 'Decommission the end-of-support edge devices on the CISA list.',
      clock: { from: 'issuance', offset: { amount: 12, unit: 'months' } },
    },
    {
      id: 'replace',
      title: 'Replace all end-of-support edge devices',
      description: 'Replace every end-of-support edge device with a supported one.',
      clock: { from: 'issuance', offset: { amount: 18, unit: 'months' } },
    },
    {
      id: 'lifecycle',
      title: 'Lifecycle process',
      description: 'Establish a process that retires edge devices before their end of support.',
      clock: { from: 'issuance', offset: { amount: 24, unit: 'months' } },
    },
  ],
};
