/**
 * Who is signed in, as the identity provider vouched for them. The portal fills the engine's actor from it; nothing a
 * user types can set it.
 */
export interface Identity {
  /** The identity provider's issuer URL and the user's subject there: together, a stable id for the person. */
  issuer: string;
  subject: string;
  /** Verified by the identity provider (`email_verified`); lower-cased. */
  email: string;
  name?: string;
}
