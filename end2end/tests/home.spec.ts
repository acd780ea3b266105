import { test, expect, openHydrated, markDocument, isSameDocument, asAnotherVisitor } from './fixtures';

const visits = (n: number) => `You have visited this page ${n} ${n === 1 ? 'time' : 'times'}.`;

test('home shows the catalog counts and counts visits across reloads', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  await expect(page).toHaveTitle('Local Library Home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Local Library Home');
  for (const name of ['books', 'copies', 'copies-available', 'authors', 'genres']) {
    const value = Number(await page.locator(`[data-count="${name}"]`).textContent());
    expect(value, name).toBeGreaterThan(0);
  }
  await expect(page.locator('#visits')).toHaveText(visits(1));

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('#visits')).toHaveText(visits(2));
  // Hydration must not have counted a third visit behind our back.
  await page.reload();
  await expect(page.locator('#visits')).toHaveText(visits(3));
});

test('client-side navigation away and back counts one visit without a reload', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  await expect(page.locator('#visits')).toHaveText(visits(1));
  await markDocument(page);

  await page.getByRole('link', { name: 'All authors' }).click();
  await expect(page).toHaveURL(/\/catalog\/authors/);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('#visits')).toHaveText(visits(2));
  expect(await isSameDocument(page)).toBe(true);
});

test('a second browser context starts its own count', async ({ browser }) => {
  await asAnotherVisitor(browser, async (a) => {
    await openHydrated(a, '/');
    await a.reload();
    await expect(a.locator('#visits')).toHaveText(visits(2));
    await asAnotherVisitor(browser, async (b) => {
      await openHydrated(b, '/');
      await expect(b.locator('#visits')).toHaveText(visits(1));
    });
  });
});

test('a first visit stores no session; the second does, HttpOnly and SameSite=Lax', async ({ page, context }) => {
  await openHydrated(page, '/');
  expect((await context.cookies()).find((c) => c.name === 'sessionid')).toBeUndefined();
  await page.reload();
  await expect(page.locator('#visits')).toHaveText(visits(2));
  const cookie = (await context.cookies()).find((c) => c.name === 'sessionid');
  expect(cookie).toBeDefined();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  expect(cookie!.path).toBe('/');
});

test('with cookies blocked the home page says so instead of counting', async ({ page }) => {
  // Answer every request ourselves, dropping Set-Cookie: the browser never holds a cookie.
  await page.route('**/*', async (route) => {
    const request = route.request();
    const answer = await fetch(request.url(), {
      method: request.method(),
      headers: request.headers(),
      body: request.postDataBuffer() ?? undefined,
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['set-cookie', 'content-encoding', 'content-length'].includes(name)) headers[name] = value;
    });
    await route.fulfill({ status: answer.status, headers, body: Buffer.from(await answer.arrayBuffer()) });
  });
  const notice = "Your browser does not accept cookies, so visits can't be counted.";
  await openHydrated(page, '/');
  await expect(page.locator('#visits')).toHaveText(notice);
  await page.reload();
  await expect(page.locator('#visits')).toHaveText(notice);
  // Following a link inside the site shows it at once, even before hydration would.
  await page.getByRole('link', { name: 'All books' }).click();
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('#visits')).toHaveText(notice);
});
