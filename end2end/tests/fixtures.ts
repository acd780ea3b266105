import { test as base, expect, Browser, Page } from '@playwright/test';

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
