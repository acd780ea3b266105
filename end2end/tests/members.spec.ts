import type { Page } from '@playwright/test';
import { test, expect, openHydrated, markDocument, isSameDocument, createUser, logIn, resetLinkFor, PASSWORD, asAnotherVisitor } from './fixtures';

test('a librarian adds a member, who sets a password from the mail; roles change without a reload', async ({ page, browser, consoleErrors }) => {
  const librarian = createUser('warden', { librarian: true });
  await logIn(page, librarian);
  await openHydrated(page, '/accounts/members');
  await markDocument(page);
  await page.getByRole('link', { name: 'Add member' }).click();
  const name = `newbie${Date.now()}`;
  // A taken name, whatever its case, is refused next to the field.
  await page.getByLabel('Username').fill(librarian.toUpperCase());
  await page.getByLabel('Email').fill(`${name}@example.com`);
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.locator('#username-error')).toContainText('already taken');
  // The refused add answered 422, which Chromium reports on the console by itself.
  consoleErrors.length = 0;
  await page.getByLabel('Username').fill(name);
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/members/${name}$`));
  await expect(page.locator('.member-role')).toHaveText('Member');

  await page.getByRole('button', { name: 'Make librarian' }).click();
  await expect(page.locator('.member-role')).toHaveText('Librarian');
  await page.getByRole('button', { name: 'Make member' }).click();
  await expect(page.locator('.member-role')).toHaveText('Member');
  expect(await isSameDocument(page)).toBe(true);

  await page.getByRole('link', { name: 'All members' }).click();
  await page.getByLabel('Search members').fill(name.slice(0, 10));
  await page.getByLabel('Search members').press('Enter');
  await expect(page).toHaveURL(/\?q=newbie/);
  await expect(page.locator('#members')).toContainText(name);
  expect(await isSameDocument(page)).toBe(true);

  await expect.poll(() => resetLinkFor(`${name}@example.com`)).toBeTruthy();
  const link = resetLinkFor(`${name}@example.com`)!;
  await asAnotherVisitor(browser, async (other) => {
    await openHydrated(other, new URL(link).pathname);
    await expect(other).toHaveURL(/\/accounts\/reset\/set-password$/);
    await other.getByLabel('New password', { exact: true }).fill('a much better passphrase');
    await other.getByLabel('Confirm new password').fill('a much better passphrase');
    await other.getByRole('button', { name: 'Set my password' }).click();
    await expect(other.getByRole('status')).toContainText('Your password has been set');
    await logIn(other, name, 'a much better passphrase');
    await openHydrated(other, '/');
    await expect(other.locator('#account')).toContainText(name);
    // Logged in: the header and the sidebar no longer offer the session's registration.
    await expect(other.locator('a[href="/register"]')).toHaveCount(0);
  });
});

/** Logs in with the plain login form (no JavaScript to wait for). */
async function plainLogIn(page: Page, username: string) {
  await page.goto('/accounts/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('#account')).toContainText(`Logged in as ${username}`);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a librarian deactivates a member with the plain form; the member is signed out', async ({ page, browser }) => {
    const librarian = createUser('keeper', { librarian: true });
    const reader = createUser('reader');
    const readerPage = await (await browser.newContext()).newPage();
    await plainLogIn(readerPage, reader);
    await plainLogIn(page, librarian);
    await page.goto(`/accounts/members/${reader}`);
    await expect(page.locator('.member-sign-ins')).toHaveText('1');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts/members/${reader}$`));
    await expect(page.locator('.member-status')).toHaveText('Deactivated');
    await expect(page.locator('.member-sign-ins')).toHaveText('0');
    await readerPage.goto('/catalog/mybooks');
    await expect(readerPage).toHaveURL(/\/accounts\/login\?next=/);
    await readerPage.close();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await expect(page.locator('.member-status')).toHaveText('Active');
  });
});
