/**
 * OpenID Connect sign-in with openid-client: Authorization Code with PKCE (S256), state and nonce. The issuer is
 * discovered on first use (and again after a failed discovery), so the portal starts even while the provider is down.
 */
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Identity } from '../identity';
import type { PendingSignIn } from './session';

export interface SignInProvider {
  /** Where to send the browser, and what to remember until it comes back. */
  start(returnTo: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Checks the callback (state, PKCE, nonce, ID token) and returns who signed in. */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<Identity>;
}

/** The provider's answer cannot be accepted (no verified email, a stale or forged callback): the user may retry. */
export class SignInRefused extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInRefused';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const Claims = z.object({
  email: z.email().max(254),
  // Some providers send the flag as a string.
  email_verified: z.union([z.literal(true), z.literal('true')]),
  name: z.string().max(256).optional(),
});

export function openIdProvider(input: {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The development provider: ask for the login page every time, so one can switch accounts. */
  forceLogin?: boolean;
}): SignInProvider {
  const issuer = new URL(input.issuerUrl);
  const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
  let discovering: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovering ??= oidc
      .discovery(issuer, input.clientId, input.clientSecret, undefined, {
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovering = undefined;
        throw new Error(`OpenID Connect discovery at ${issuer.href} failed: ${(err as Error).message}`, { cause: err });
      });
    return discovering;
  };

  return {
    async start(returnTo) {
      const config = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const pending: PendingSignIn = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier,
        returnTo,
        startedAt: Date.now(),
      };
      const params: Record<string, string> = {
        redirect_uri: input.redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      };
      if (input.forceLogin) params.prompt = 'login';
      return { url: oidc.buildAuthorizationUrl(config, params), pending };
    },

    async finish(callbackUrl, pending) {
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        throw new SignInRefused(`the authorization response was refused: ${(err as Error).message}`, { cause: err });
      }
      const idToken = tokens.claims();
      if (!idToken) throw new SignInRefused('no ID token');
      // Providers following OpenID Connect's rule put profile claims in userinfo, not in a code flow's ID token.
      let claims: Record<string, unknown> = idToken;
      if (idToken.email === undefined || idToken.email_verified === undefined)
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
      const parsed = Claims.safeParse(claims);
      if (!parsed.success) throw new SignInRefused('the identity provider vouched for no verified email address');
      return {
        issuer: idToken.iss,
        subject: idToken.sub,
        email: parsed.data.email.toLowerCase(),
        name: parsed.data.name,
      };
    },
  };
}
