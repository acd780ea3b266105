import { test, expect, openHydrated, markDocument, isSameDocument, createUser, logIn, PASSWORD } from './fixtures';

test('a librarian adds, edits and deletes a copy without a reload', async ({ page, consoleErrors }) => {
  await logIn(page, createUser('copyist', { librarian: true }));
  await openHydrated(page, '/catalog/book/2');
  await markDocument(page);
  const imprint = `Gollancz, ${Date.now()}`;
  await page.getByRole('link', { name: 'Add copy' }).click();
  await expect(page.locator('h1')).toContainText('Add a copy of');
  await page.getByLabel('Imprint').fill(' ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#imprint-error')).toContainText('Enter the imprint');
  // The refused save answered 422, which Chromium reports on the console by itself.
  consoleErrors.length = 0;
  await page.getByLabel('Imprint').fill(imprint);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Maintenance' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/catalog\/bookinstance\/[0-9a-f-]{36}$/);
  await expect(page.locator('.facts')).toContainText(imprint);
  await expect(page.locator('.facts')).toContainText('Maintenance');
  const copy = new URL(page.url()).pathname;

  await page.getByRole('link', { name: 'Edit copy' }).click();
  await expect(page.getByLabel('Imprint')).toHaveValue(imprint);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Available' });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(new RegExp(`${copy}$`));
  await expect(page.locator('.facts')).toContainText('Available');

  await page.getByRole('link', { name: 'Delete copy' }).click();
  await expect(page.getByText('Are you sure you want to delete this copy?')).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/catalog\/book\/2$/);
  await expect(page.locator(`a[href="${copy}"]`)).toHaveCount(0);
  expect(await isSameDocument(page)).toBe(true);
});

test('the copy list filters by status without a reload', async ({ page }) => {
  await openHydrated(page, '/catalog/bookinstances');
  await markDocument(page);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'On loan' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\?status=on-loan$/);
  await expect(page.locator('.copy-list .status').first()).toHaveText('On loan');
  const statuses = await page.locator('.copy-list .status').allTextContents();
  expect(new Set(statuses)).toEqual(new Set(['On loan']));
  await expect(page.locator('.status-counts')).toContainText('Maintenance:');
  expect(await isSameDocument(page)).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a librarian adds and deletes a copy, and filters the list, with plain forms', async ({ page }) => {
    const librarian = createUser('binder', { librarian: true });
    await page.goto('/accounts/login');
    await page.getByLabel('Username').fill(librarian);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.goto('/catalog/book/3/copy/create');
    const imprint = `Penguin, ${Date.now()}`;
    await page.getByLabel('Imprint').fill(imprint);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Maintenance' });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(/\/catalog\/bookinstance\/[0-9a-f-]{36}$/);
    await expect(page.locator('.facts')).toContainText(imprint);
    const copy = new URL(page.url()).pathname;

    await page.goto('/catalog/bookinstances');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Maintenance' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\?status=maintenance$/);
    const statuses = await page.locator('.copy-list .status').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['Maintenance']));

    await page.goto(`${copy}/delete`);
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/catalog\/book\/3$/);
    await expect(page.locator(`a[href="${copy}"]`)).toHaveCount(0);
  });
});
