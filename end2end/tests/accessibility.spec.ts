import AxeBuilder from '@axe-core/playwright';
import { test, expect, openHydrated, createUser, logIn } from './fixtures';
import type { Page } from '@playwright/test';

/** WCAG 2.1 A and AA, as axe-core checks them; no violation is allowed on any page. */
async function expectNoViolations(page: Page, path: string) {
  await openHydrated(page, path);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe violations on ${path}`).toEqual([]);
}

const publicPages = [
  '/',
  '/catalog/books',
  '/catalog/books?q=tolstoy',
  '/catalog/search',
  '/catalog/search?q=tolkein',
  '/catalog/search?q=zzzzzz',
  '/catalog/book/1',
  '/catalog/authors',
  '/catalog/author/1',
  '/catalog/genres',
  '/catalog/genre/1',
  '/catalog/languages',
  '/catalog/language/1',
  '/catalog/bookinstances',
  '/catalog/bookinstances?status=on-loan',
  '/register',
  '/session',
  '/accounts/login',
  '/accounts/logout',
  '/accounts/password_reset',
  '/accounts/reset/0000',
  '/no/such/page',
];

test('every public page passes axe (WCAG 2.1 A/AA)', async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of publicPages) await expectNoViolations(page, path);
  // A copy's page, reached from the list.
  await openHydrated(page, '/catalog/bookinstances');
  const copy = (await page.locator('.copy-list a.title').first().getAttribute('href'))!;
  await expectNoViolations(page, copy);
});

test('every member and librarian page passes axe (WCAG 2.1 A/AA)', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, createUser('ally', { librarian: true }));
  const patron = createUser('patron');
  for (const path of [
    '/catalog/mybooks',
    '/catalog/borrowed',
    '/catalog/changes',
    '/accounts/sessions',
    '/accounts/password_change',
    '/accounts/members',
    '/catalog/author/create',
    '/catalog/book/create',
    '/catalog/book/1/update',
    '/catalog/author/1/update',
    '/catalog/genre/1/update',
    '/catalog/language/1/delete',
    '/catalog/book/1/copy/create',
    '/accounts/members?q=a',
    '/accounts/members/create',
    '/catalog/holds',
    `/accounts/members/${patron}`,
  ]) {
    await expectNoViolations(page, path);
  }
  await openHydrated(page, '/catalog/bookinstances');
  const copy = (await page.locator('.copy-list a.title').first().getAttribute('href'))!;
  await expectNoViolations(page, copy);
  await expectNoViolations(page, `${copy}/update`);
  await expectNoViolations(page, `${copy}/delete`);
  // A copy on loan: its form and delete page say why instead of offering the choice.
  await openHydrated(page, '/catalog/bookinstances?status=on-loan');
  const lent = (await page.locator('.copy-list a.title').first().getAttribute('href'))!;
  await expectNoViolations(page, `${lent}/update`);
  await expectNoViolations(page, `${lent}/delete`);
});
