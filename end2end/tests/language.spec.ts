import { test, expect, openHydrated, markDocument, isSameDocument } from './fixtures';

const heading = (page: import('@playwright/test').Page) => page.getByRole('heading', { level: 1 });

test('switching to Russian re-renders the books page in place and sticks', async ({ page, context, consoleErrors }) => {
  await openHydrated(page, '/catalog/books');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(heading(page)).toHaveText('All books');
  await markDocument(page);

  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(heading(page)).toHaveText('Все книги');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.locator('.total')).toHaveText(/^\d+ книг[аи]?$/);
  await expect(page.getByRole('link', { name: 'Все авторы' })).toBeVisible();
  await expect(page).toHaveTitle(/Все книги/);
  expect(await isSameDocument(page), 'no reload').toBe(true);

  // Client-side navigation keeps the language, and so does a reload.
  await page.getByRole('link', { name: 'Все авторы' }).click();
  await expect(heading(page)).toHaveText('Все авторы');
  expect(await isSameDocument(page)).toBe(true);
  await page.reload();
  await expect(heading(page)).toHaveText('Все авторы');

  // A new tab shares the cookies, so it opens in Russian too (the choice waits in the test
  // cookie until a session is stored; the session page shows it all the same).
  const tab = await context.newPage();
  await openHydrated(tab, '/');
  await expect(tab.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(tab.locator('#visits')).toHaveText(/^Вы посетили эту страницу \d+ раза?\.$/);
  await tab.goto('/session');
  await expect(tab.locator('[data-fact="language"]')).toHaveText('Русский');

  // And back.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page)).toHaveText('All authors');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('a browser asking for Russian', () => {
  test.use({ locale: 'ru-RU' });

  test('gets Russian on its first visit', async ({ page, consoleErrors }) => {
    await openHydrated(page, '/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.locator('#visits')).toHaveText('Вы посетили эту страницу 1 раз.');
    await expect(page.getByRole('link', { name: 'Все книги' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Русский' })).toHaveAttribute('aria-pressed', 'true');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the switch is a plain form that comes back to the same page', async ({ page, context }) => {
    await page.goto('/catalog/genres');
    await expect(heading(page)).toHaveText('All genres');
    await page.getByRole('button', { name: 'Русский' }).click();
    // Leptos sends a plain form post back to the page it came from (with an empty query).
    await expect(page).toHaveURL(/\/catalog\/genres\??$/);
    await expect(heading(page)).toHaveText('Все жанры');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.goto('/catalog/books');
    await expect(heading(page)).toHaveText('Все книги');
    // A first visit's choice is kept in the test cookie: no session is stored for it.
    expect((await context.cookies()).find((c) => c.name === 'sessionid')).toBeUndefined();
  });
});
