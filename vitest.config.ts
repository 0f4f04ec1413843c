import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{sdk,server,simulator,gadget,widget,ui,bin,cli,scripts}/**/*.test.{ts,tsx}'],
    typecheck: {
      enabled: true,
      include: ['{sdk,server}/**/*.test-d.ts'],
      tsconfig: 'tsconfig.typetest.json',
    },
    environment: 'node',
    testTimeout: 10_000,
    // Vitest's default is one worker fewer than the cores: one worker on CI's two. The test files spend
    // much of their time starting up (jsdom, imports), which two workers overlap well.
    maxWorkers: 2,
  },
});
