import { test, expect, openHydrated, markDocument, isSameDocument } from './fixtures';

const box = (page: import('@playwright/test').Page) => page.getByRole('searchbox', { name: 'Search the catalog' });
const found = (page: import('@playwright/test').Page) => page.locator('.found-books li a.title');

test('the header box shows results as you type, forgiving typos, without a reload', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  await markDocument(page);
  await box(page).pressSequentially('hobit', { delay: 40 });
  await expect(page).toHaveURL(/\/catalog\/search\?q=hobit$/);
  await expect(found(page).first()).toHaveText('The Hobbit');
  await expect(found(page).first().locator('mark')).toHaveText('Hobbit');
  await expect(box(page)).toBeFocused();

  await box(page).fill('');
  await box(page).pressSequentially('мертвые', { delay: 40 });
  await expect(found(page).first()).toHaveText('Мёртвые души');
  await expect(found(page).first().locator('mark')).toHaveText('Мёртвые');
  await box(page).fill('tolkein');
  await expect(page.locator('.found-authors')).toContainText('Tolkien, J. R. R.');
  await expect(found(page)).toHaveCount(2);
  await box(page).press('Enter');
  await expect(page).toHaveURL(/q=tolkein$/);
  expect(await isSameDocument(page)).toBe(true);
});

test('a newer query cancels the older request, whose late answer never shows', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/catalog/search');
  await markDocument(page);
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/catalog/search')) aborted.push(request.postData() ?? '');
  });
  // The answer for "tolkien" is held back until well after the next query was answered.
  await page.route('**/api/catalog/search*', async (route) => {
    if ((route.request().postData() ?? '').includes('tolkien')) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
    }
    await route.continue().catch(() => {});
  });
  const slow = page.waitForRequest((r) => (r.postData() ?? '').includes('tolkien'));
  await box(page).fill('tolkien');
  await slow;
  await box(page).fill('mountains');
  await expect(found(page)).toHaveText(['The Magic Mountain']);
  await page.waitForTimeout(2000);
  await expect(found(page)).toHaveText(['The Magic Mountain']);
  await expect(page).toHaveURL(/q=mountains$/);
  expect(aborted.some((body) => body.includes('tolkien'))).toBe(true);
  expect(await isSameDocument(page)).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header box is a plain search form, and results page', async ({ page }) => {
    await page.goto('/catalog/genres');
    await box(page).fill('карамазов');
    await box(page).press('Enter');
    await expect(page).toHaveURL(/\/catalog\/search\?q=/);
    await expect(found(page).first()).toHaveText('Братья Карамазовы');
    await expect(box(page)).toHaveValue('карамазов');

    await page.goto('/catalog/search?q=the');
    await expect(page.locator('.found-books .total')).toHaveText(/\d+ books/);
    const first = await found(page).first().textContent();
    await page.getByRole('link', { name: 'next', exact: true }).click();
    await expect(page).toHaveURL(/q=the&page=2|page=2&q=the/);
    await expect(found(page).first()).not.toHaveText(first!);

    await page.goto('/catalog/search?q=%22%3B%20DROP%20TABLE%20books%3B%20--%20*%20NEAR');
    await expect(page.locator('.empty')).toContainText('Nothing matches');
  });
});
