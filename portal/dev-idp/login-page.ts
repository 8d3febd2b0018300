/**
 * The development provider's login page: says plainly what it is, takes any address (no password), and offers the
 * known addresses as buttons. Plain, labelled HTML that works with the keyboard alone; no script.
 */
import { html } from '../views/html';
import type { DevAccount } from './accounts';

export function loginPage(input: {
  action: string;
  accounts: readonly DevAccount[];
  error?: string;
  email?: string;
}): string {
  const errorId = 'email-error';
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Development sign-in — not for production</title>
        <link rel="stylesheet" href="/assets/css/uswds.min.css" />
      </head>
      <body>
        <main class="grid-container padding-y-4">
          <div class="usa-alert usa-alert--warning" role="note">
            <div class="usa-alert__body">
              <p class="usa-alert__text">
                Development sign-in — not for production. Anyone can sign in as any address here, without a password.
              </p>
            </div>
          </div>
          <h1>Development sign-in — not for production</h1>
          <form class="usa-form usa-form--large" method="post" action="${input.action}">
            <div class="usa-form-group${input.error ? ' usa-form-group--error' : ''}">
              <label class="usa-label" for="email">Email address</label>
              ${input.error ? html`<span class="usa-error-message" id="${errorId}" role="alert">${input.error}</span>` : ''}
              <input
                class="usa-input${input.error ? ' usa-input--error' : ''}"
                id="email"
                name="email"
                type="email"
                autocomplete="email"
                required
                value="${input.email ?? ''}"
                list="known-addresses"
                ${input.error ? html`aria-describedby="${errorId}" aria-invalid="true"` : ''}
              />
              <datalist id="known-addresses">
                ${input.accounts.map((a) => html`<option value="${a.email}">${a.label}</option>`)}
              </datalist>
            </div>
            <button class="usa-button" type="submit">Sign in</button>
          </form>
          <h2>Or sign in as a known address</h2>
          <form method="post" action="${input.action}">
            <ul class="usa-list usa-list--unstyled">
              ${input.accounts.map(
                (a) =>
                  html`<li class="margin-bottom-1">
                    <button class="usa-button usa-button--unstyled" type="submit" name="email" value="${a.email}">
                      ${a.email}</button
                    ><span> (${a.label})</span>
                  </li>`,
              )}
            </ul>
          </form>
        </main>
      </body>
    </html>`.value;
}

export function messagePage(title: string, message: string): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          <p>${message}</p>
        </main>
      </body>
    </html>`.value;
}
