/**
 * The few parts of oidc-provider 8 the development identity provider uses. The package ships no types (v9's
 * community types target Node 22's ESM build), so this narrow declaration keeps the project's strict type check.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantModel {
    new (init: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId: string };
    grantId?: string;
  }

  export interface OidcContext {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      provider: Provider;
    };
    type: string;
    body: unknown;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    response_types: string[];
    grant_types: string[];
    token_endpoint_auth_method: string;
  }

  export interface Configuration {
    clients: ClientMetadata[];
    findAccount(ctx: OidcContext, sub: string): Promise<Account | undefined>;
    claims: Record<string, string[]>;
    scopes?: string[];
    pkce: { methods: string[]; required(ctx: OidcContext, client: unknown): boolean };
    interactions: { url(ctx: OidcContext, interaction: { uid: string }): string | Promise<string> };
    features: Record<string, { enabled: boolean }>;
    cookies: { keys: string[] };
    jwks: { keys: Record<string, unknown>[] };
    loadExistingGrant(ctx: OidcContext): Promise<Grant | undefined>;
    renderError(ctx: OidcContext, out: Record<string, string>, error: Error): Promise<void>;
    conformIdTokenClaims?: boolean;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: GrantModel;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
