import { test, expect, openHydrated, asAnotherVisitor, markDocument, isSameDocument, createUser, logIn } from './fixtures';
import type { Page } from '@playwright/test';

/** The list of available copies, page 2. Only available ones: copy ids are random UUIDs, so an
 * unfiltered page may hold too few of them. Page 2: other tests take the first ones. */
const AVAILABLE_COPIES = '/catalog/bookinstances?status=available&page=2';

/** Opens an available copy's page (the `nth` one listed) and returns its path. */
async function availableCopy(page: Page, nth: number): Promise<string> {
  await openHydrated(page, AVAILABLE_COPIES);
  const link = page.locator('li:has(.status-available) a.title').nth(nth);
  const href = (await link.getAttribute('href'))!;
  await openHydrated(page, href);
  return href;
}

function isoDay(offset: number): string {
  const day = new Date(Date.now() + offset * 86_400_000);
  return day.toISOString().slice(0, 10);
}

test('a librarian lends and renews a loan without a reload; the member sees it', async ({ page, browser, consoleErrors }) => {
  const librarian = createUser('marian', { librarian: true });
  const member = createUser('ada');
  await logIn(page, librarian);
  const copy = await availableCopy(page, 0);
  await page.getByLabel('Borrower').fill(member);
  await page.getByRole('button', { name: 'Lend' }).click();
  await expect(page.locator('.loan-controls')).toContainText(`On loan to ${member}`);

  await markDocument(page);
  await page.locator('.loan-controls').getByRole('link', { name: 'Renew' }).click();
  // Due today: the earliest of all loans, so first on the borrowed list.
  const newDate = isoDay(0);
  await page.getByLabel('Renewal date').fill(newDate);
  // The browser checks the same rule as the server, as the librarian types.
  await page.getByLabel('Renewal date').fill(isoDay(40));
  await expect(page.locator('#due-error')).toContainText('more than 4 weeks ahead');
  await page.getByLabel('Renewal date').fill(newDate);
  await expect(page.locator('#due-error')).toHaveText('');
  await page.getByRole('button', { name: 'Renew' }).click();
  await expect(page).toHaveURL(/\/catalog\/borrowed$/);
  expect(await isSameDocument(page)).toBe(true);
  const [y, m, d] = newDate.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  const human = `${months[m - 1]} ${d}, ${y}`;
  await expect(page.locator('li', { has: page.locator(`a[href="${copy}"]`) })).toContainText(human);

  await asAnotherVisitor(browser, async (other) => {
    await logIn(other, member);
    await openHydrated(other, '/catalog/mybooks');
    await expect(other.locator('.loan-list')).toContainText(human);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a librarian renews with the plain form and lands on the borrowed list', async ({ page }) => {
    const librarian = createUser('melvil', { librarian: true });
    const member = createUser('grace');
    await page.goto('/accounts/login');
    await page.getByLabel('Username').fill(librarian);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.goto(AVAILABLE_COPIES);
    const href = (await page.locator('li:has(.status-available) a.title').nth(3).getAttribute('href'))!;
    await page.goto(href);
    await page.getByLabel('Borrower').fill(member);
    await page.getByRole('button', { name: 'Lend' }).click();
    await expect(page.locator('.loan-controls')).toContainText(`On loan to ${member}`);
    await page.getByRole('link', { name: 'Renew' }).click();
    await page.getByLabel('Renewal date').fill(isoDay(10));
    await page.getByRole('button', { name: 'Renew' }).click();
    await expect(page).toHaveURL(/\/catalog\/borrowed$/);
    await expect(page.locator('h1')).toHaveText('All borrowed books');
  });
});

test('a librarian adds an author and sees it without a reload', async ({ page, consoleErrors }) => {
  await logIn(page, createUser('ranganathan', { librarian: true }));
  await openHydrated(page, '/catalog/authors');
  await markDocument(page);
  await page.getByRole('link', { name: 'Add author' }).click();
  await page.getByLabel('First name').fill('Ursula');
  await page.getByLabel('Last name').fill(`Le Guin ${Date.now()}`);
  await page.getByLabel('Date of birth').fill('1929-10-21');
  await page.getByLabel('Date of death').fill('1918-01-22');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#date_of_death-error')).toContainText('cannot be before the date of birth');
  // The refused save answered 422, which Chromium reports on the console by itself.
  consoleErrors.length = 0;
  await page.getByLabel('Date of death').fill('2018-01-22');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/catalog\/author\/\d+$/);
  await expect(page.locator('h1')).toContainText('Le Guin');
  expect(await isSameDocument(page)).toBe(true);
});
