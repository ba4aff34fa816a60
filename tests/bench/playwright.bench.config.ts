import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';

// The UI benchmark (npm run bench:ui): kept out of `npm test`'s e2e run, which reads tests/e2e only.
// Same Debian Chromium and flags as playwright.config.ts. Headless Chromium has no vsync, so the
// bench measures work per frame, not frames per second.
export default defineConfig({
  testDir: '.',
  testMatch: 'ui-bench.spec.ts',
  outputDir: '../../artifacts/bench/playwright',
  timeout: 300_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1400, height: 900 },
  },
});
