import { test as base, expect, Browser, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A page that records console errors and uncaught exceptions; each test ends by expecting none. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await use(errors);
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };

/** Loads `path` and waits until the WASM has hydrated the page. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  // A lazy page (the server names its chunk) hydrates after the shell, once its code has run.
  if ((await page.locator('meta[name="wasm-chunk"]').count()) > 0) {
    await expect(page.locator('html')).toHaveAttribute('data-page-hydrated', 'true');
  }
}

/** Runs `steps` as another visitor: a fresh browser context (its own cookies), closed after. */
export async function asAnotherVisitor<T>(browser: Browser, steps: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await steps(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Marks the current document; the mark survives client-side navigation but not a reload. */
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__sameDocument = true));
}

export async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as any).__sameDocument === true);
}

/** The password every account made by `createUser` gets. */
export const PASSWORD = 'correct horse battery';

/**
 * Creates an account on the `db` server with the real `createuser` command (its database is
 * the one the server uses) and returns its username, unique to this run.
 */
export function createUser(prefix: string, { librarian = false } = {}): string {
  const dir = process.env.E2E_DB_DIR!;
  const username = `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const passwordFile = path.join(dir, `${username}.password`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`);
  execFileSync(
    process.env.E2E_BIN!,
    [
      'createuser', username, '--email', `${username}@example.com`, '--password-file', passwordFile,
      ...(librarian ? ['--librarian'] : []),
    ],
    { env: { ...process.env, DATABASE_URL: `sqlite://${dir}/db/library.db`, RUST_LOG: 'warn' } },
  );
  return username;
}

/** The reset link of the newest mail to `email` in the `db` server's outbox. */
export function resetLinkFor(email: string): string | undefined {
  const outbox = path.join(process.env.E2E_DB_DIR!, 'db', 'outbox');
  if (!fs.existsSync(outbox)) return undefined;
  const mails = fs
    .readdirSync(outbox)
    .map((name) => fs.readFileSync(path.join(outbox, name), 'utf8').replace(/=\r?\n/g, ''))
    .filter((mail) => mail.includes(`To: ${email}`));
  const link = mails.map((mail) => mail.match(/https?:\/\/\S+\/accounts\/reset\/[0-9a-f]+/)?.[0]).find(Boolean);
  return link ?? undefined;
}

/** Logs `page` in as `username` through the login form and waits for the header to say so. */
export async function logIn(page: Page, username: string, password = PASSWORD) {
  await openHydrated(page, '/accounts/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('#account')).toContainText(`Logged in as ${username}`);
}
