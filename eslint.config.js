// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** A deep import into the SDK: anything under sdk/ but its public entries (package.json `exports`). */
const SDK_ENTRIES_ONLY = {
  regex: '(^|/)sdk/(?!(index|finesse)\\.ts$|(testing|react|desktop-chat)/index\\.ts$)',
  message:
    'Import the SDK through its public entries only: sdk/index.ts (hybrid-chat/sdk), sdk/finesse.ts (hybrid-chat/sdk/finesse), sdk/react/index.ts (hybrid-chat/sdk/react), sdk/testing/index.ts (hybrid-chat/sdk/testing) or sdk/desktop-chat/index.ts (hybrid-chat/sdk/desktop-chat). Export what is missing there.',
};

/** Globals only a browser page has (or only a DOM window): none of them in sdk/core. */
const BROWSER_ONLY = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'XMLHttpRequest',
  'WebSocket',
  'EventSource',
  'Image',
  'HTMLElement',
  'Element',
  'Node',
  'MutationObserver',
  'requestAnimationFrame',
  'matchMedia',
  'getComputedStyle',
  'screen',
  'parent',
  'top',
  'frames',
  'opener',
];

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/', 'docs/api/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Finesse's container forbids modal dialogs in gadgets (docs/requirements.md): in-page dialogs instead.
      'no-restricted-globals': ['error', 'alert', 'confirm', 'prompt'],
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self', 'top', 'parent'].flatMap((object) =>
          ['alert', 'confirm', 'prompt'].map((property) => ({ object, property })),
        ),
      ],
    },
  },
  {
    files: ['gadget/**/*.{ts,tsx}', 'widget/**/*.{ts,tsx}', 'ui/**/*.{ts,tsx}', 'sdk/react/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/*.test-d.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // One owner per table: only the storage engine writes SQL (server/core/storage/storage.ts).
    files: ['server/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'cli/**/*.ts', 'e2e/**/*.ts'],
    ignores: ['server/core/storage/sqlite/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:sqlite', message: 'Only server/core/storage/sqlite/ talks to the database.' },
          ],
        },
      ],
    },
  },
  {
    // The apps use the SDK as integrators do: through its public entries only (package.json
    // `exports`), so that whatever they need is exported, and nothing they use can change unseen.
    files: ['gadget/**/*.{ts,tsx}', 'widget/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [SDK_ENTRIES_ONLY] }] },
  },
  {
    // The shared UI components serve both apps and import neither.
    files: ['ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SDK_ENTRIES_ONLY,
            {
              regex: '^\\.{1,2}/(.*/)?(gadget|widget)(/|$)',
              message: 'ui/ is shared by the gadget and the widget: it imports neither app.',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK core is shared by browsers and Node: no DOM, no network, no app code.
    files: ['sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/server/**', '**/gadget/**', '**/widget/**', '**/simulator/**', 'node:*'] },
      ],
    },
  },
  {
    // The SDK core runs in browsers, in Node and in workers alike: no browser-only globals (a port
    // passed in instead: storage, network, timers of the page). Its tests may use them.
    files: ['sdk/core/**/*.ts'],
    ignores: ['sdk/core/**/*.test.ts', 'sdk/core/**/*.test-d.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'alert',
        'confirm',
        'prompt',
        ...BROWSER_ONLY.map((name) => ({
          name,
          message: `sdk/core runs outside browsers too: take what ${name} gives as an option (a port).`,
        })),
      ],
    },
  },
  {
    // Its tests may also start the throwaway servers of server/testing (Prosody) that they run against.
    files: ['sdk/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)server/(?!testing/)', message: 'Only server/testing may be used by SDK tests.' },
            { group: ['**/gadget/**', '**/widget/**', '**/simulator/**', 'node:*'] },
          ],
        },
      ],
    },
  },
);
