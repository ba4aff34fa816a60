/**
 * Debian's Chromium for the e2e tests and the UI benchmark (`npx playwright install` cannot
 * download a browser on these machines). Without the background-networking flags Chromium keeps
 * trying to reach Google's hosts, which this closed network refuses.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--autoplay-policy=no-user-gesture-required',
  ],
};
