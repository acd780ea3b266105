import { test, expect, openHydrated, asAnotherVisitor, markDocument, isSameDocument, createUser, PASSWORD, resetLinkFor } from './fixtures';

const visits = (n: number) => `You have visited this page ${n} ${n === 1 ? 'time' : 'times'}.`;
const account = (page: import('@playwright/test').Page) => page.locator('#account');

async function logIn(page: import('@playwright/test').Page, username: string, password = PASSWORD) {
  await openHydrated(page, '/accounts/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(account(page)).toContainText(`Logged in as ${username}`);
}

test('log in, the counter carries on; log out, it starts again', async ({ page, consoleErrors }) => {
  const username = createUser('ada');
  await openHydrated(page, '/');
  await page.reload();
  await expect(page.locator('#visits')).toHaveText(visits(2));
  // Clicking before the reloaded page hydrates would follow the link the no-JS way.
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await markDocument(page);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  // The header changes without a reload, and the login comes back to where it started.
  await expect(account(page)).toContainText(`Logged in as ${username}`);
  expect(await isSameDocument(page)).toBe(true);
  await expect(page.locator('#visits')).toHaveText(visits(3));

  await account(page).getByRole('button', { name: 'Log out' }).click();
  await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.reload();
  await expect(page.locator('#visits')).toHaveText(visits(1));
});

test('a wrong password is refused with Django’s message', async ({ page, consoleErrors }) => {
  const username = createUser('grace');
  await openHydrated(page, '/accounts/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Please enter a correct username and password');
  await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  // The failed login answers 400, which Chromium reports on the console by itself.
  consoleErrors.length = 0;
});

test('sign out another device from the devices page: it is out on its next click', async ({ page, browser, consoleErrors }) => {
  const username = createUser('hedy');
  await logIn(page, username);
  await asAnotherVisitor(browser, async (other) => {
    await logIn(other, username);
    await openHydrated(page, '/accounts/sessions');
    const rows = page.locator('#devices tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(page.locator('#devices')).toContainText('this device');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(rows).toHaveCount(1);

    await other.getByRole('link', { name: 'All books' }).click();
    await expect(account(other).getByRole('link', { name: 'Log in' })).toBeVisible();
  });
  await expect(account(page)).toContainText(`Logged in as ${username}`);
});

test('a reset link from the outbox sets a new password once', async ({ page, consoleErrors }) => {
  const username = createUser('rosalind');
  await openHydrated(page, '/accounts/password_reset');
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByRole('button', { name: 'Reset my password' }).click();
  await expect(page.getByRole('status')).toContainText('We’ve emailed you instructions');
  // The mail is sent just after the answer (its timing must not tell that the account exists).
  await expect.poll(() => resetLinkFor(`${username}@example.com`)).toBeTruthy();
  const link = resetLinkFor(`${username}@example.com`);
  const path = new URL(link!).pathname;
  await openHydrated(page, path);
  // The token is swapped for a session value at once: it stays in no address bar or history.
  await expect(page).toHaveURL(/\/accounts\/reset\/set-password$/);
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await page.getByLabel('Confirm new password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Set my password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password has been set');
  await openHydrated(page, path);
  await expect(page.getByRole('alert')).toContainText('invalid, possibly because it has already been used');
  await logIn(page, username, 'a brand new passphrase');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('log in and log out with plain forms', async ({ page }) => {
    const username = createUser('ida');
    await page.goto('/accounts/login?next=/catalog/books');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/catalog\/books$/);
    await expect(account(page)).toContainText(`Logged in as ${username}`);
    await account(page).getByRole('button', { name: 'Log out' }).click();
    await expect(account(page).getByRole('link', { name: 'Log in' })).toBeVisible();
  });

  test('a reset link sets a new password with plain forms', async ({ page }) => {
    const username = createUser('emmy');
    await page.goto('/accounts/password_reset');
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByRole('button', { name: 'Reset my password' }).click();
    await expect.poll(() => resetLinkFor(`${username}@example.com`)).toBeTruthy();
    await page.goto(new URL(resetLinkFor(`${username}@example.com`)!).pathname);
    await expect(page).toHaveURL(/\/accounts\/reset\/set-password$/);
    await page.getByLabel('New password', { exact: true }).fill('a plain form passphrase');
    await page.getByLabel('Confirm new password').fill('a plain form passphrase');
    await page.getByRole('button', { name: 'Set my password' }).click();
    await expect(page.getByRole('status')).toContainText('Your password has been set');
    await page.goto('/accounts/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('a plain form passphrase');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(account(page)).toContainText(`Logged in as ${username}`);
  });
});
