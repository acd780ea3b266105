import { test, expect, openHydrated, markDocument, isSameDocument, asAnotherVisitor } from './fixtures';

const titles = (page: import('@playwright/test').Page) => page.locator('.item-list li a.title');

test('open a book from the list and go back without a full reload', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/catalog/books');
  await markDocument(page);
  const first = titles(page).first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/catalog\/book\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.copies li').first()).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/catalog\/books$/);
  await expect(titles(page).first()).toHaveText(title);
  expect(await isSameDocument(page)).toBe(true);
});

test('pagination moves forward and back', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/catalog/books');
  await markDocument(page);
  await expect(page.locator('.page-current')).toHaveText(/Page 1 of \d+/);
  await expect(page.getByRole('link', { name: 'previous', exact: true })).toHaveAttribute('aria-disabled', 'true');
  const firstOnPage1 = await titles(page).first().textContent();
  await page.getByRole('link', { name: 'next', exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('.page-current')).toHaveText(/Page 2 of/);
  await expect(titles(page).first()).not.toHaveText(firstOnPage1!);
  await page.getByRole('link', { name: 'previous', exact: true }).click();
  await expect(page.locator('.page-current')).toHaveText(/Page 1 of/);
  await expect(titles(page).first()).toHaveText(firstOnPage1!);
  expect(await isSameDocument(page)).toBe(true);
});

test('search narrows the list as you type and from the URL', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/catalog/books');
  await markDocument(page);
  await page.getByLabel('Search by title or author').pressSequentially('мастер', { delay: 30 });
  await expect(page).toHaveURL(/q=/);
  await expect(titles(page)).toHaveText(['Мастер и Маргарита']);
  expect(await isSameDocument(page)).toBe(true);

  await openHydrated(page, '/catalog/books?q=tolstoy');
  await expect(titles(page)).toHaveCount(2);
  await openHydrated(page, '/catalog/books?q=zzzz-nothing');
  await expect(page.locator('.empty')).toContainText('No books match');
});

test('page size persists across reloads for this browser only', async ({ page, browser, consoleErrors }) => {
  await openHydrated(page, '/catalog/books');
  await expect(titles(page)).toHaveCount(10);
  await page.getByLabel('Per page').selectOption('25');
  await expect(titles(page)).toHaveCount(25);
  await page.reload();
  await expect(titles(page)).toHaveCount(25);
  await page.goto('/catalog/authors');
  await expect(titles(page)).toHaveCount(25);

  await asAnotherVisitor(browser, async (stranger) => {
    await stranger.goto('/catalog/books');
    await expect(titles(stranger)).toHaveCount(10);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('lists, details, pagination, search and page size all work', async ({ page }) => {
    await page.goto('/catalog/books');
    await expect(titles(page)).toHaveCount(10);
    await page.getByRole('link', { name: 'next', exact: true }).click();
    await expect(page.locator('.page-current')).toHaveText(/Page 2 of/);

    await page.getByLabel('Search by title or author').fill('Pride');
    await page.getByLabel('Search by title or author').press('Enter');
    await expect(page).toHaveURL(/q=Pride/);
    // Ranked: the title match first (a word one letter away may follow).
    await expect(titles(page).first()).toHaveText('Pride and Prejudice');
    await titles(page).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pride and Prejudice');
    await page.getByRole('link', { name: 'Austen, Jane' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Austen, Jane');

    await page.goto('/catalog/authors');
    await page.getByLabel('Per page').selectOption('50');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/\/catalog\/authors\??$/);
    // The 36 bundled authors on one page (more than 25); a test adding an author may run first.
    await expect(titles(page).nth(35)).toBeVisible();
    expect(await titles(page).count()).toBeLessThanOrEqual(50);

    for (const path of ['/catalog/genres', '/catalog/languages', '/catalog/bookinstances']) {
      await page.goto(path);
      await expect(titles(page).first()).toBeVisible();
    }
    const response = await page.goto('/catalog/book/999999');
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
  });
});
