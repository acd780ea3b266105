import type { Page } from '@playwright/test';
import { test, expect, openHydrated, markDocument, isSameDocument, createUser, logIn, asAnotherVisitor, PASSWORD } from './fixtures';

/** A valid ISBN-13 nobody else uses. */
function freshIsbn(): string {
  const digits = `978${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 100).toString().padStart(2, '0')}`;
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return digits + ((10 - (sum % 10)) % 10);
}

/** A librarian adds a book without copies (so nobody can borrow it) and returns its path. */
async function bookWithoutCopies(page: Page, title: string): Promise<string> {
  await openHydrated(page, '/catalog/book/create');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('ISBN').fill(freshIsbn());
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/catalog\/book\/\d+$/);
  return new URL(page.url()).pathname;
}

test('a member queues for a book; a new copy is kept for them; all without a reload', async ({ page, browser, consoleErrors }) => {
  const librarian = createUser('shelver', { librarian: true });
  const member = createUser('waiter');
  await logIn(page, librarian);
  const book = await bookWithoutCopies(page, `Hold me ${Date.now()}`);

  await asAnotherVisitor(browser, async (visitor) => {
    await openHydrated(visitor, book);
    await expect(visitor.getByRole('link', { name: 'Log in to place a hold' })).toBeVisible();
  });

  await asAnotherVisitor(browser, async (other) => {
    await logIn(other, member);
    await openHydrated(other, book);
    await markDocument(other);
    await other.getByRole('button', { name: 'Place hold' }).click();
    await expect(other.locator('.hold-position')).toHaveText('You are number 1 in the queue');
    await other.getByRole('button', { name: 'Cancel hold' }).click();
    await expect(other.getByRole('button', { name: 'Place hold' })).toBeVisible();
    await other.getByRole('button', { name: 'Place hold' }).click();
    await expect(other.locator('.hold-position')).toHaveText('You are number 1 in the queue');
    expect(await isSameDocument(other)).toBe(true);

    // The librarian sees the queue, then adds a copy: it is kept for the member at once.
    await openHydrated(page, book);
    await expect(page.locator('.hold-count')).toHaveText('1 hold');
    await page.getByRole('link', { name: 'Add copy' }).click();
    await page.getByLabel('Imprint').fill('Fresh print');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('.facts')).toContainText('Reserved');
    const copy = new URL(page.url()).pathname;
    await openHydrated(page, '/catalog/holds');
    await expect(page.locator('.hold-queues')).toContainText(member);

    await openHydrated(other, '/catalog/mybooks');
    await expect(other.locator('.hold-list')).toContainText('Ready to pick up until');

    // Only the member it is kept for can borrow it; lending it ends the hold.
    await openHydrated(page, copy);
    await expect(page.locator('.loan-controls')).toContainText("kept for a member's hold");
    await page.getByLabel('Borrower').fill(librarian);
    await page.getByRole('button', { name: 'Lend' }).click();
    await expect(page.locator('.loan-controls [role="alert"]')).toContainText('kept for another member');
    // The refused loan answered 400, which Chromium reports on the console by itself.
    consoleErrors.length = 0;
    await page.getByLabel('Borrower').fill(member);
    await page.getByRole('button', { name: 'Lend' }).click();
    await expect(page.locator('.loan-controls')).toContainText(`On loan to ${member}`);
    await openHydrated(other, '/catalog/mybooks');
    await expect(other.locator('.hold-list')).toHaveCount(0);
    await expect(other.getByText('You have no holds.')).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a member places and cancels a hold with plain forms', async ({ page, browser }) => {
    const librarian = createUser('clerk', { librarian: true });
    const member = createUser('patient');
    const setup = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await logIn(setup, librarian);
    const book = await bookWithoutCopies(setup, `Plain hold ${Date.now()}`);
    await setup.close();
    await page.goto('/accounts/login');
    await page.getByLabel('Username').fill(member);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.goto(book);
    await page.getByRole('button', { name: 'Place hold' }).click();
    await expect(page).toHaveURL(new RegExp(`${book}$`));
    await expect(page.locator('.hold-position')).toHaveText('You are number 1 in the queue');
    await page.getByRole('button', { name: 'Cancel hold' }).click();
    await expect(page.getByRole('button', { name: 'Place hold' })).toBeVisible();
  });
});
