import { test, expect, openHydrated } from './fixtures';

test('every page hydrates under the strict content security policy', async ({ page, consoleErrors }) => {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  for (const path of ['/', '/catalog/books', '/catalog/authors', '/catalog/bookinstances', '/register', '/session']) {
    const response = await page.goto(path);
    const csp = response!.headers()['content-security-policy'];
    expect(csp, path).toContain("script-src 'self' 'wasm-unsafe-eval' 'nonce-");
    expect(csp, path).not.toContain('unsafe-inline');
    await expect(page.locator('html'), path).toHaveAttribute('data-hydrated', 'true');
  }
  // Client-side navigation and a server-function call work under the policy too.
  await page.getByRole('link', { name: 'All books' }).click();
  await expect(page).toHaveURL(/\/catalog\/books/);
  await page.getByLabel('Search by title or author').fill('war and');
  await expect(page.locator('.item-list li a.title').first()).toHaveText('War and Peace');
  expect(violations).toEqual([]);
});

test('over the registration limit the form asks the visitor to wait', async ({ page }) => {
  const limited = process.env.E2E_LIMITED_URL!;
  await openHydrated(page, `${limited}/register`);
  for (let i = 0; i < 3; i++) {
    await page.getByLabel('Name').fill(`Visitor ${i}`);
    await page.getByLabel('Email').fill(`visitor${i}-${Date.now()}@example.com`);
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByRole('button', { name: 'Register' })).toBeEnabled();
  }
  await expect(page.getByRole('alert')).toContainText('Too many attempts');
  await expect(page.getByRole('alert')).toContainText('seconds');
});
