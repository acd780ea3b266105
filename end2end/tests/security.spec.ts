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

test('the 404 page and the no-JS 422 form page carry the nonce their CSP names', async ({ page, consoleErrors }) => {
  const violations: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const missing = await page.goto('/no/such/page');
  expect(missing!.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  // A plain form post, as a browser without the WASM sends it: the server answers 422 with the
  // form again, and that page must hydrate like any other.
  await openHydrated(page, '/register');
  const answer = page.waitForResponse((r) => r.url().endsWith('/register') && r.request().method() === 'POST');
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/register';
    for (const [name, value] of [['name', 'Ada'], ['email', 'not-an-email']]) {
      const input = document.createElement('input');
      input.name = name;
      input.value = value;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    HTMLFormElement.prototype.submit.call(form);
  });
  expect((await answer).status()).toBe(422);
  await expect(page.locator('#email-error')).toHaveText(/valid email address/);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  expect(violations).toEqual([]);
  // The 404 and 422 answers themselves are expected; any other console error is not.
  const unexpected = consoleErrors.filter((e) => !/status of (404|422)/.test(e));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
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
