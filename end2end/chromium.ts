// Debian's Chromium as both Playwright configs launch it: headless, and quiet on the network
// (no updates, sync or QUIC), so a test sees only the requests the page makes.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
