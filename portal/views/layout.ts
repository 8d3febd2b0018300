/** PLACEHOLDER until the portal shell lands (wt-portal owns this file). */
import type { Identity } from '../identity';
import { html, type SafeHtml } from './html';
export function page(p: {
  title: string;
  identity?: Identity;
  csrfToken?: string;
  body: SafeHtml;
  active?: string;
}): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${p.title}</title>
      </head>
      <body>
        <main id="main-content">${p.body}</main>
      </body>
    </html>`.value;
}
