/**
 * The page every portal screen renders into: USWDS header and footer, a skip link, one main landmark. USWDS's
 * scripts load as external files (the Content-Security-Policy allows no inline script).
 */
import type { Access } from '../access/roster';
import type { Identity } from '../identity';
import { html, type HtmlValue, type SafeHtml } from './html';

export const PRODUCT_NAME = 'Directive deadline engine';

export interface PageInput {
  title: string;
  /** The signed-in user: shows their address, the navigation and the sign-out button. */
  identity?: Identity;
  /** Needed with `identity`: the sign-out button is a form. `reply.generateCsrf()`. */
  csrfToken?: string;
  /** The Review link shows for reviewers only. */
  access?: Access;
  /** Which navigation link is the current page. */
  active?: 'inbox' | 'review';
  body: HtmlValue;
}

export function page(input: PageInput): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} · ${PRODUCT_NAME}</title>
        <link rel="stylesheet" href="/assets/css/uswds.min.css" />
        <link rel="icon" href="/assets/img/favicons/favicon.png" />
        <script src="/assets/js/uswds-init.min.js"></script>
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">Skip to main content</a>
        ${header(input)}
        <main id="main-content" class="grid-container padding-y-4" tabindex="-1">${input.body}</main>
        <footer class="usa-footer usa-footer--slim">
          <div class="usa-footer__secondary-section">
            <div class="grid-container">
              <p class="margin-0">
                ${PRODUCT_NAME}: deadlines of government directives, reported by the agencies bound.
              </p>
            </div>
          </div>
        </footer>
        <script src="/assets/js/uswds.min.js"></script>
      </body>
    </html>`.value;
}

function header(input: PageInput): SafeHtml {
  const link = (href: string, label: string, key: PageInput['active']): SafeHtml =>
    html`<li class="usa-nav__primary-item">
      <a
        class="usa-nav-link${input.active === key ? ' usa-current' : ''}"
        href="${href}"
        ${input.active === key ? html` aria-current="page"` : ''}
        ><span>${label}</span></a
      >
    </li>`;
  const signedIn = input.identity;
  return html`${
      signedIn
        ? html`<div class="bg-base-lightest">
            <div class="grid-container display-flex flex-justify-end flex-align-center padding-y-05">
              <p class="margin-y-0 margin-right-2 font-body-2xs" data-testid="signed-in-as">
                Signed in as <strong>${signedIn.email}</strong>
              </p>
              ${signOutForm(input.csrfToken)}
            </div>
          </div>`
        : ''
    }
    <div class="usa-overlay"></div>
    <header class="usa-header usa-header--basic">
      <div class="usa-nav-container">
        <div class="usa-navbar">
          <div class="usa-logo">
            <em class="usa-logo__text"><a href="/">${PRODUCT_NAME}</a></em>
          </div>
          ${signedIn ? html`<button type="button" class="usa-menu-btn">Menu</button>` : ''}
        </div>
        ${
          signedIn
            ? html`<nav aria-label="Primary navigation" class="usa-nav">
                <button type="button" class="usa-nav__close">
                  <img src="/assets/img/usa-icons/close.svg" role="img" alt="Close" />
                </button>
                <ul class="usa-nav__primary usa-accordion">
                  ${link('/', 'Inbox', 'inbox')}
                  ${input.access && input.access.reviews.size > 0 ? link('/review', 'Review', 'review') : ''}
                </ul>
              </nav>`
            : ''
        }
      </div>
    </header>`;
}

export function signOutForm(csrfToken: string | undefined): SafeHtml {
  return html`<form method="post" action="/sign-out" class="margin-0">
    <input type="hidden" name="_csrf" value="${csrfToken ?? ''}" />
    <button type="submit" class="usa-button usa-button--unstyled font-body-2xs">Sign out</button>
  </form>`;
}
