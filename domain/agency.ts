import { z } from 'zod';
import { boundedEmail, requiredName, textProblem } from './limits';
import { AGENCY_ROLES, byRole } from './vocabulary';

/** An agency bound by a directive, with the people its notices go to. Bounds in domain/limits.ts. */
export const Agency = z.object({
  id: z
    .string()
    .superRefine((v, ctx) => {
      const problem = textProblem(v, 'id');
      if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
    })
    .regex(/^[A-Z][A-Z0-9-]*$/, { error: 'must be upper-case letters, digits and dashes, e.g. DOJ' }),
  name: requiredName('name'),
  contacts: z.object(byRole(AGENCY_ROLES, () => boundedEmail())),
});
export type Agency = z.infer<typeof Agency>;
