import { escapeHtml, html, raw } from '../../../portal/views/html';
import { noAccessPage } from '../../../portal/views/errors';
import { page } from '../../../portal/views/layout';

describe('the html template', () => {
  it('escapes & < > " \' and backtick in every interpolated value', () => {
    const hostile = `<script>alert("x")</script> & 'y' \`z\``;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</p>',
    );
  });

  it('keeps nested html and raw() fragments as markup, and escapes strings inside them once', () => {
    const item = (name: string) => html`<li>${name}</li>`;
    // Prettier lays out html`` templates; whitespace between tags is not what this checks.
    const markup = html`<ul>
        ${['a<b', 'c&d'].map(item)}
      </ul>
      ${raw('<hr />')}`.value;
    expect(markup.replace(/>\s+</g, '><')).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul><hr />');
  });

  it('renders numbers, and nothing for null, undefined and false', () => {
    expect(html`${0}|${null}|${undefined}|${false}|${12.5}`.value).toBe('0||||12.5');
  });

  it('leaves text without special characters unchanged', () => {
    expect(escapeHtml('BOD-17-01/DOJ identify')).toBe('BOD-17-01/DOJ identify');
  });
});

describe('the page layout', () => {
  const identity = { issuer: 'https://idp.example', subject: 's1', email: 'o"fficer@doj.example.gov' };
  const access = {
    email: identity.email,
    agencies: new Set(['DOJ']),
    reviews: new Set<string>(),
    issues: new Set<string>(),
  };

  it('is an English USWDS page with a skip link, one main landmark and external scripts only', () => {
    const markup = page({ title: 'Inbox <1>', identity, access, csrfToken: 'tok', body: html`<h1>Inbox</h1>` });
    expect(markup).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(markup).toContain('<title>Inbox &lt;1&gt; · Directive deadline engine</title>');
    expect(markup).toContain('href="#main-content"');
    expect(markup.match(/<main /g)).toHaveLength(1);
    expect(markup.match(/<script[^>]*>/g)).toEqual([
      '<script src="/assets/js/uswds-init.min.js">',
      '<script src="/assets/js/uswds.min.js">',
    ]);
    expect(markup).not.toMatch(/<script>|\son\w+=/);
  });

  it('shows the signed-in address escaped, a sign-out form with its token, and Review only for reviewers', () => {
    const officer = page({ title: 'Inbox', identity, access, csrfToken: 'tok-1', body: '' });
    expect(officer).toContain('Signed in as <strong>o&quot;fficer@doj.example.gov</strong>');
    expect(officer).toMatch(
      /<form method="post" action="\/sign-out"[^>]*>\s*<input type="hidden" name="_csrf" value="tok-1"/,
    );
    expect(officer).not.toContain('href="/review"');
    const reviewer = page({
      title: 'Review',
      identity,
      access: { ...access, reviews: new Set(['BOD-17-01']) },
      csrfToken: 'tok-2',
      active: 'review',
      body: '',
    });
    expect(reviewer).toMatch(/href="\/review"\s+aria-current="page"/);
  });

  it('offers nothing but sign-out on the no-access page', () => {
    const markup = noAccessPage({
      identity: { ...identity, email: 'stranger@example.com' },
      csrfToken: 'tok',
      contacts: [{ name: 'DHS directives team', email: 'dhs-directives@example.gov' }],
    });
    expect(markup).toContain('stranger@example.com');
    expect(markup).toContain('mailto:dhs-directives@example.gov');
    expect(markup).not.toContain('href="/review"');
    expect(markup).toContain('action="/sign-out"');
  });
});
