import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{sdk,server,simulator,gadget,widget,ui,bin,cli,scripts}/**/*.test.{ts,tsx}'],
    typecheck: { enabled: true, include: ['sdk/**/*.test-d.ts'], tsconfig: 'tsconfig.typetest.json' },
    environment: 'node',
    testTimeout: 10_000,
  },
});
