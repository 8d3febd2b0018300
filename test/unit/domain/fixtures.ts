import type { DirectiveDefinitionInput } from '../../../domain';

type MilestoneInput = DirectiveDefinitionInput['milestones'][number];

export function milestone(
  id: string,
  clock: MilestoneInput['clock'],
  extra: Partial<MilestoneInput> = {},
): MilestoneInput {
  return { id, title: `Milestone ${id}`, description: `What ${id} asks for`, clock, ...extra };
}

export function days(amount: number, unit: 'calendarDays' | 'businessDays' | 'months' | 'hours' = 'calendarDays') {
  return { from: 'issuance' as const, offset: { amount, unit } };
}

/** A small valid definition that each test bends one way. */
export function definition(
  milestones: MilestoneInput[],
  extra: Partial<DirectiveDefinitionInput> = {},
): DirectiveDefinitionInput {
  const contact = (name: string) => ({ name, email: `${name}@example.gov` });
  return {
    id: 'TEST-1',
    title: 'Test directive',
    issuer: 'DHS',
    contacts: { reviewer: contact('review'), issuer: contact('issuer'), issuerLeadership: contact('leadership') },
    milestones,
    ...extra,
  };
}
