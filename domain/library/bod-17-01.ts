import type { DirectiveDefinitionInput } from '../directive';
import { exampleContacts } from './contacts';

const PLAN_ELEMENTS = [
  'agency name',
  'point of contact (name, phone, email)',
  'products identified',
  'number of endpoints',
  'method of identification',
  'affected components within the department',
  'mission function of the affected systems',
  'contracts, SLAs and other agreements with the vendor',
  'removal timeline',
  'affected FISMA controls (DLP, NAC, MDM, sandboxing, web filtering, whitelisting, patching, anti-malware, anti-exploit, spam filtering, encryption…)',
  'replacement products',
  'replacement timeline',
  'foreseeable challenges',
  'costs (licences, maintenance, replacement), coordinated with the CFO',
];

/** The motivating case: all deadlines in calendar days, no weekend roll (day 60 is a Sunday and stays one). */
export const bod1701: DirectiveDefinitionInput = {
  id: 'BOD-17-01',
  title: 'Removal of Kaspersky-branded products',
  issuer: 'DHS',
  authority: '44 U.S.C. 3553(b)(2)',
  issuedOn: '2017-09-13',
  contacts: exampleContacts('DHS'),
  vendorResponse: {
    title: 'Written response from affected entities (Kaspersky Lab)',
    clock: { from: 'issuance', offset: { amount: 51, unit: 'calendarDays' } },
    // DHS's final decision on the response is what lets removal begin at day 90.
    gates: 'remove',
  },
  milestones: [
    {
      id: 'identify',
      title: 'Identify Kaspersky-branded products',
      description:
        'Identify any use or presence of Kaspersky-branded products on all federal information systems; report to DHS the products found (or "none found"), the endpoints affected per product, and the method used.',
      clock: { from: 'issuance', offset: { amount: 30, unit: 'calendarDays' } },
    },
    {
      id: 'plan',
      title: 'Plan of action for removal',
      description: `Develop and provide DHS a detailed plan of action to remove and discontinue present and future use of Kaspersky-branded products, removal to begin at day 90. The plan covers: ${PLAN_ELEMENTS.join('; ')}.`,
      clock: { from: 'issuance', offset: { amount: 60, unit: 'calendarDays' } },
      review: { windowDays: 10, resubmissionDays: 10 },
    },
    {
      id: 'remove',
      title: 'Begin removal',
      description: 'Begin to implement the plan of action, unless DHS directs otherwise based on new information.',
      clock: { from: 'issuance', offset: { amount: 90, unit: 'calendarDays' } },
      gated: { reason: 'unless DHS directs otherwise based on new information' },
    },
    {
      id: 'status',
      title: 'Status report',
      description:
        'Report implementation progress to DHS every 30 days after day 90, until full removal and discontinuance.',
      clock: { from: 'milestone', milestoneId: 'remove', offset: { amount: 30, unit: 'calendarDays' } },
      recurring: { everyDays: 30, until: 'removed' },
    },
    {
      id: 'removed',
      title: 'Full removal and discontinuance',
      description:
        'Kaspersky-branded products fully removed and their use discontinued on all federal information systems; ends the status reports.',
      clock: { from: 'none' },
      evidenceRequired: true,
    },
  ],
};
