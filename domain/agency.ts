import { z } from 'zod';
import { AGENCY_ROLES, byRole } from './vocabulary';

/** An agency bound by a directive, with the people its notices go to. */
export const Agency = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9-]*$/, { error: 'must be upper-case letters, digits and dashes, e.g. DOJ' }),
  name: z.string().min(1),
  contacts: z.object(byRole(AGENCY_ROLES, () => z.email())),
});
export type Agency = z.infer<typeof Agency>;
