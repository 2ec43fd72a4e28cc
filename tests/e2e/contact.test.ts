/**
 * /contact/ on the demo build: a DSFR form posted to the form service the content names, its
 * labelled required fields with autocomplete, DSFR error messages when sent empty, the
 * programme's addresses from content; and the header's « Blog » quick link on every page.
 * (The `mailto:` fallback without a form service: tests/unit/contact.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { pageData } from '../helpers/demo-content.ts';
import { CONTACT_FORM_FIELDS, addressLines } from '../../src/lib/contact.ts';
import { QUICK_LINKS } from '../../src/lib/menus.ts';

const base = inject('baseUrl');
const dist = inject('distDir');
const contact = pageData('contact');

let browser: Browser;
let page: Page;
beforeAll(async () => { browser = await launchBrowser(); page = await browser.newPage(); });
afterAll(async () => { await browser?.close(); });

describe('/contact/', () => {
  beforeAll(async () => { await page.goto(`${base}/contact/`); });

  it('posts to the form service named in the content', async () => {
    const form = page.locator('main form');
    expect(await form.count()).toBe(1);
    expect(await form.getAttribute('action')).toBe(contact['formAction']);
    expect(await form.getAttribute('method')).toBe('post');
    expect(await page.locator('main form button[type="submit"]').count()).toBe(1);
  });

  it('has the four fields, each labelled, required, with autocomplete', async () => {
    for (const f of CONTACT_FORM_FIELDS) {
      const field = page.locator(`#${f.id}`);
      expect(await field.getAttribute('name')).toBe(f.name);
      expect(await field.getAttribute('required')).not.toBeNull();
      expect(await field.getAttribute('autocomplete')).toBe(f.autocomplete);
      expect((await page.locator(`label[for="${f.id}"]`).textContent())?.trim()).toContain(f.label);
    }
  });

  it('shows the DSFR error message under each empty field and focuses the first, without sending', async () => {
    let posted = false;
    await page.route('https://**/*', (route) => { posted = true; return route.abort(); });
    await page.locator('#contact-email').fill('pas-une-adresse');
    await page.locator('main form button[type="submit"]').click();
    expect(page.url()).toBe(`${base}/contact/`);
    expect(posted).toBe(false);
    expect(await page.locator('.fr-input-group--error').count()).toBe(4);
    expect((await page.locator('#contact-nom-messages .fr-message--error').textContent())?.trim()).toBe(CONTACT_FORM_FIELDS[0]!.missing);
    expect((await page.locator('#contact-email-messages .fr-message--error').textContent())?.trim()).toBe(CONTACT_FORM_FIELDS[1]!.invalid);
    expect(await page.locator('#contact-nom').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-nom');
    await page.unroute('https://**/*');
  });

  it('shows the postal and e-mail addresses from the content', async () => {
    const text = (await page.locator('main').textContent())!;
    for (const line of addressLines(contact)) expect(text).toContain(line);
    expect(await page.locator(`main a[href="mailto:${contact['email']}"]`).count()).toBe(1);
  });

  it('the CSP lets the form post to its service, and only there', () => {
    const csp = readFileSync(join(dist, 'nginx-csp.conf'), 'utf8');
    const site = /set \$eig_csp "([^"]+)"/.exec(csp)![1]!;
    expect(site).toContain(`form-action 'self' ${new URL(String(contact['formAction'])).origin}`);
  });
});

describe('header quick links', () => {
  it('« Blog » is in the header of every page, declared once', async () => {
    for (const path of ['/', '/defis/', '/contact/']) {
      await page.goto(`${base}${path}`);
      for (const l of QUICK_LINKS) expect(await page.locator(`header .fr-header__tools-links a[href="${l.href}"]`).textContent()).toContain(l.label);
    }
    expect(QUICK_LINKS.map((l) => l.href)).toContain('/blog/');
  });
});
