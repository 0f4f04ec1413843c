import { defineConfig } from '@playwright/test';

/** Debian's Chromium, with the flags this closed network needs (README "Tests"). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Each spec starts its own chat server and simulator; two cores run one spec at a time best.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  retries: process.env['CI'] ? 1 : 0,
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
    // The apps honour prefers-reduced-motion: no CSS animation to composite on two busy cores (about
    // 7 % less time per spec), and screenshots that do not catch a transition halfway.
    reducedMotion: 'reduce',
    // Recording a trace costs about 15 % of every test's time (a screencast of each page). CI retries a
    // failed test once and records it then; a local run keeps the trace of any test that fails.
    trace: process.env['CI'] ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    testIdAttribute: 'data-testid',
  },
});
