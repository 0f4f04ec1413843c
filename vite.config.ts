/**
 * Builds the browser apps.
 *
 * - `vite build` (default mode): the agent gadget → `dist/gadget/gadget.js` + `gadget.css` (fixed
 *   names: gadget.xml points at them; chunks under `dist/gadget/assets/`) and the widget chat app →
 *   `dist/widget/index.html` (+ hashed assets). Two environments of one build, each with its own
 *   output folder, so that neither app depends on a file served under the other's path.
 * - `vite build --mode loader`: the host-page loader alone, one IIFE file `dist/widget.js`.
 * - `vite build --mode sdk-browser`: `hybrid-chat/sdk` for a browser without a bundler, one ES module
 *   `dist/browser/hybrid-chat-sdk.js` (socket.io in a chunk beside it, loaded when a chat starts),
 *   for an integrator's own page (examples/plain-page/).
 *
 * The widget runs on preact/compat instead of React (budget: ≤ 60 KB gzipped for what loads on open;
 * React 19 with React DOM is about 67 KB gzipped by itself, preact/compat about 7). Only the widget
 * environment is aliased: the gadget stays on React 19, and the shared `ui/` components use nothing
 * beyond the hooks both implement. Unit tests (vitest) run every app on React; the e2e tests and the
 * bench run the built widget, on preact.
 *
 * The base is relative ('./'): the gadget's module is loaded cross-origin from the chat server into a
 * document on the Finesse host, so its chunk and preload URLs must resolve against `import.meta.url`,
 * never against the page. The widget app, served at `/widget/`, resolves `./assets/…` to
 * `/widget/assets/…` the same way, and keeps working behind a reverse proxy that adds a path prefix.
 *
 * `appsConfig`, `loaderConfig` and `preactCompat` are exported for the bench (bench/apps/bundles.ts),
 * which builds the apps in memory to weigh them, and the widget on React too as its baseline.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (path: string): string => resolve(import.meta.dirname, path);

export type AppName = 'gadget' | 'widget';

export interface AppsBuildOptions {
  /** What the widget's `react` imports resolve to: preact/compat (the product) or React (a baseline). */
  widgetRuntime?: 'preact' | 'react';
  /** The apps to build, in this order; both by default. */
  apps?: readonly AppName[];
}

/**
 * React's entry points and their preact/compat counterparts (`preact/compat/*` also installs compat's
 * hooks). react-i18next imports the `useSyncExternalStore` shim for old Reacts; compat has the hook.
 */
const PREACT_COMPAT: Readonly<Record<string, string>> = {
  react: 'preact/compat',
  'use-sync-external-store/shim': 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/compat/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/compat/jsx-dev-runtime',
};

/**
 * Resolves React's entry points to preact/compat in one environment only (`client` in a build with
 * one). `resolve.alias` cannot do this: it is shared by every environment of a build.
 */
export function preactCompat(environment: string): Plugin {
  return {
    name: 'hybrid-chat:preact-compat',
    enforce: 'pre',
    applyToEnvironment: (env) => env.name === environment,
    async resolveId(source, importer, options) {
      const target = PREACT_COMPAT[source];
      if (!target) return null;
      const resolved = await this.resolve(target, importer, { ...options, skipSelf: true });
      if (!resolved) throw new Error(`[vite.config] ${target} is not installed (needed for ${source})`);
      return resolved;
    },
  };
}

export function appsConfig(options: AppsBuildOptions = {}): UserConfig {
  const apps = options.apps ?? ['gadget', 'widget'];
  return {
    // The widget's index.html lives here, so it is emitted as `dist/widget/index.html`.
    root: fromRoot('widget/app'),
    base: './',
    publicDir: false,
    plugins: [react(), ...(options.widgetRuntime === 'react' ? [] : [preactCompat('widget')])],
    builder: {
      async buildApp(builder) {
        for (const name of apps) {
          const environment = builder.environments[name];
          if (!environment) throw new Error(`[vite.config] the ${name} environment is missing`);
          await builder.build(environment);
        }
      },
    },
    environments: {
      gadget: {
        consumer: 'client',
        build: {
          outDir: fromRoot('dist/gadget'),
          emptyOutDir: true,
          cssCodeSplit: false,
          // One chunk by design (Finesse loads gadget.js from gadget.xml); what it may weigh is the
          // gadget benchmark's budget, 200 KB gzipped (bench/gadget.ts), about 600 kB before gzip.
          chunkSizeWarningLimit: 600,
          rolldownOptions: {
            input: fromRoot('gadget/main.tsx'),
            output: {
              format: 'es',
              entryFileNames: 'gadget.js',
              chunkFileNames: 'assets/[name]-[hash].js',
              assetFileNames: (asset) =>
                asset.names.some((name) => name.endsWith('.css'))
                  ? 'gadget.css'
                  : 'assets/[name]-[hash][extname]',
            },
          },
        },
      },
      widget: {
        consumer: 'client',
        build: {
          outDir: fromRoot('dist/widget'),
          emptyOutDir: true,
          // The polyfill only speeds up chunk loading in browsers without `modulepreload` (they still
          // load every chunk when it is imported); it would be the one script run for nothing elsewhere.
          modulePreload: { polyfill: false },
          rolldownOptions: {
            input: fromRoot('widget/app/index.html'),
            // The SDK's modules only declare things, so what the app does not use is left out even
            // when sdk/index.ts re-exports it: the socket.io transport stays in the chunk of
            // widget/app/connection.ts, fetched when a chat starts, instead of loading on open.
            treeshake: { moduleSideEffects: [{ test: /\/sdk\/.+\.ts$/, sideEffects: false }] },
          },
        },
      },
    },
  };
}

export function loaderConfig(): UserConfig {
  return {
    root: import.meta.dirname,
    publicDir: false,
    build: {
      outDir: fromRoot('dist'),
      emptyOutDir: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: fromRoot('widget/loader/loader.ts'),
        output: { format: 'iife', entryFileNames: 'widget.js' },
      },
    },
  };
}

export function sdkBrowserConfig(): UserConfig {
  return {
    root: import.meta.dirname,
    publicDir: false,
    build: {
      outDir: fromRoot('dist/browser'),
      emptyOutDir: true,
      copyPublicDir: false,
      lib: { entry: fromRoot('sdk/index.ts'), formats: ['es'], fileName: () => 'hybrid-chat-sdk.js' },
      rolldownOptions: {
        output: { chunkFileNames: '[name]-[hash].js' },
        treeshake: { moduleSideEffects: [{ test: /\/sdk\/.+\.ts$/, sideEffects: false }] },
      },
    },
  };
}

export default defineConfig(({ mode }) =>
  mode === 'loader' ? loaderConfig() : mode === 'sdk-browser' ? sdkBrowserConfig() : appsConfig(),
);
