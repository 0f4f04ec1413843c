/**
 * Builds the browser apps.
 *
 * - `vite build` (default mode): the agent gadget → `dist/gadget/gadget.js` + `gadget.css` (fixed
 *   names: gadget.xml points at them; chunks under `dist/gadget/assets/`) and the widget chat app →
 *   `dist/widget/index.html` (+ hashed assets). Two environments of one build, each with its own
 *   output folder, so that neither app depends on a file served under the other's path.
 * - `vite build --mode loader`: the host-page loader alone, one IIFE file `dist/widget.js`.
 *
 * The base is relative ('./'): the gadget's module is loaded cross-origin from the chat server into a
 * document on the Finesse host, so its chunk and preload URLs must resolve against `import.meta.url`,
 * never against the page. The widget app, served at `/widget/`, resolves `./assets/…` to
 * `/widget/assets/…` the same way, and keeps working behind a reverse proxy that adds a path prefix.
 */
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (path: string): string => resolve(import.meta.dirname, path);

function appsConfig(): UserConfig {
  return {
    // The widget's index.html lives here, so it is emitted as `dist/widget/index.html`.
    root: fromRoot('widget/app'),
    base: './',
    publicDir: false,
    plugins: [react()],
    builder: {
      async buildApp(builder) {
        const { gadget, widget } = builder.environments;
        if (!gadget || !widget) throw new Error('[vite.config] gadget and widget environments are missing');
        await builder.build(gadget);
        await builder.build(widget);
      },
    },
    environments: {
      gadget: {
        consumer: 'client',
        build: {
          outDir: fromRoot('dist/gadget'),
          emptyOutDir: true,
          cssCodeSplit: false,
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
          rolldownOptions: { input: fromRoot('widget/app/index.html') },
        },
      },
    },
  };
}

function loaderConfig(): UserConfig {
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

export default defineConfig(({ mode }) => (mode === 'loader' ? loaderConfig() : appsConfig()));
