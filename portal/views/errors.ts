/**
 * The pages that answer when the portal says no: they reveal nothing (no stack, no route list, no other agency) and
 * always offer the way back (sign in, sign out, the inbox).
 */
import type { Identity } from '../identity';
import { html, type SafeHtml } from './html';
import { page, signOutForm, type PageInput } from './layout';

/** The signed-in header, when the person is known: their address, navigation and sign-out. */
export type Chrome = Pick<PageInput, 'identity' | 'access' | 'csrfToken'>;

export interface Contact {
  name: string;
  email: string;
}

/** Signed in, but on no roster: this page answers every route, and offers nothing but sign-out. */
export function noAccessPage(input: { identity: Identity; csrfToken: string; contacts: readonly Contact[] }): string {
  return page({
    title: 'No access',
    body: html`<h1>You have no access to the portal</h1>
      <p class="usa-intro">
        You are signed in as <strong>${input.identity.email}</strong>, but this address is on no agency's or directive's
        roster.
      </p>
      <p>
        If you report for an agency, ask your agency's compliance officer to have this address added. Otherwise, contact
        the team that issued the directive:
      </p>
      <ul class="usa-list">
        ${input.contacts.map((c) => html`<li>${c.name}: <a href="mailto:${c.email}">${c.email}</a></li>`)}
      </ul>
      ${signOutForm(input.csrfToken)}`,
  });
}

export function notFoundPage(chrome?: Chrome): string {
  return simple('Page not found', html`<p>There is no page at this address, or it is not yours to see.</p>`, chrome);
}

export function tooManyRequestsPage(retryAfterSeconds: number): string {
  return simple(
    'Too many requests',
    html`<p>
      You have sent too many requests in a short time. Wait ${Math.max(1, retryAfterSeconds)} seconds, then try again.
    </p>`,
  );
}

export function formRefusedPage(): string {
  return simple(
    'This form was refused',
    html`<p>
      The form did not carry a valid security token: it may have expired, or it was not sent from this portal. Go back,
      reload the page and send it again. Nothing was changed.
    </p>`,
  );
}

export function signInRequiredPage(): string {
  return simple(
    'Sign in required',
    html`<p>
      Your session has ended. Nothing was changed. <a class="usa-link" href="/sign-in">Sign in</a> and try again.
    </p>`,
  );
}

export function signInFailedPage(): string {
  return simple(
    'Sign-in did not complete',
    html`<p>
      The identity provider's answer could not be accepted (it may have expired, or your email address is not verified
      there). <a class="usa-link" href="/sign-in">Try signing in again</a>.
    </p>`,
  );
}

export function signedOutPage(): string {
  return simple('Signed out', html`<p>You are signed out. <a class="usa-link" href="/sign-in">Sign in again</a>.</p>`);
}

export function errorPage(chrome?: Chrome): string {
  return simple(
    'Something went wrong',
    html`<p>
      The portal could not complete your request. Try again in a moment; if it keeps failing, tell the team that runs
      the portal.
    </p>`,
    chrome,
  );
}

function simple(title: string, body: SafeHtml, chrome: Chrome = {}): string {
  return page({
    title,
    ...chrome,
    body: html`<h1>${title}</h1>
      ${body} ${chrome.access ? html`<p><a class="usa-link" href="/">Back to your inbox</a></p>` : ''}`,
  });
}

export function badRequestPage(): string {
  return simple(
    'Request not accepted',
    html`<p>The portal could not read this request. Nothing was changed. Go back, reload the page and try again.</p>`,
  );
}
