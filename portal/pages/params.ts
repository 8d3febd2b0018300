/**
 * Route parameters, checked before anything is looked up: ids in the engine's alphabet, and an obligation the
 * signed-in person may see. Anything else is "not found", never "forbidden": a URL naming another agency's
 * obligation must not even confirm that it exists.
 */
import type { FastifyRequest } from 'fastify';
import { idProblem } from '../../domain/limits';
import { canSee } from '../access/roster';
import { signedIn } from '../http/request';

export interface ObligationParams {
  directiveId: string;
  agencyId: string;
  milestoneId?: string;
}

export function obligationParams(request: FastifyRequest): ObligationParams | undefined {
  const p = request.params as Record<string, string | undefined>;
  const ids = [p.directiveId, p.agencyId, ...(p.milestoneId === undefined ? [] : [p.milestoneId])];
  if (ids.some((id) => id === undefined || idProblem(id) !== undefined)) return undefined;
  const { access } = signedIn(request);
  if (!canSee(access, p.directiveId!, p.agencyId!)) return undefined;
  return { directiveId: p.directiveId!, agencyId: p.agencyId!, milestoneId: p.milestoneId };
}

export const OBLIGATION_ROUTE = '/obligations/:directiveId/:agencyId';
export const MILESTONE_ROUTE = `${OBLIGATION_ROUTE}/milestones/:milestoneId`;
