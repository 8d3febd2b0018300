import type { Actor } from '../../domain/actor';
import { LIMITS } from '../../domain/limits';
import type { Identity } from '../identity';

/** The engine's actor for a portal action: from the session only, never from the form. */
export function actorOf(identity: Identity): Actor {
  const name = identity.name?.trim().slice(0, LIMITS.nameMaxChars);
  return {
    channel: 'portal',
    email: identity.email,
    ...(name ? { name } : {}),
    issuer: identity.issuer,
    subject: identity.subject.slice(0, LIMITS.nameMaxChars),
  };
}
