/**
 * What each browser app costs to load: builds it with the project's own Vite config (in memory, nothing
 * written) and adds up the files a browser fetches when the app opens — the HTML, the entry chunk, every
 * chunk it imports statically and their CSS — raw and gzipped. Chunks behind a dynamic `import()` load
 * later (on demand) and are listed apart. The same build also yields baselines: the widget on React
 * instead of preact/compat, and each runtime alone in an app that renders one paragraph.
 *
 * gzip at zlib's default level (6, what most servers send); 1 KB = 1000 bytes, as Vite prints sizes.
 */
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, createBuilder, mergeConfig, type InlineConfig, type Rolldown, type UserConfig } from 'vite';
import { appsConfig, loaderConfig, preactCompat, type AppName } from '../../vite.config.ts';
import type { BundleSize, FileSize } from './sizes.ts';

const ROOT = resolve(import.meta.dirname, '../..');

type Output = Rolldown.OutputChunk | Rolldown.OutputAsset;

function sizeOf(file: string, content: string | Uint8Array): FileSize {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { file, raw: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
}

function outputsOf(result: Awaited<ReturnType<typeof build>>): Output[] {
  if (!('output' in result) && !Array.isArray(result)) throw new Error('[bench] Vite returned a watcher');
  return (Array.isArray(result) ? result : [result]).flatMap((bundle) => bundle.output);
}

/**
 * The files that load on open: `roots` (an HTML page, a stylesheet its host links) and the entry chunk
 * with its static imports and their CSS, transitively.
 */
export function onOpen(outputs: readonly Output[], roots: readonly string[] = []): BundleSize {
  const byName = new Map(outputs.map((output) => [output.fileName, output]));
  const entry = outputs.find((output) => output.type === 'chunk' && output.isEntry);
  if (!entry) throw new Error('[bench] the build has no entry chunk');
  const loaded = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (fileName: string) => {
    if (loaded.has(fileName)) return;
    loaded.add(fileName);
    const output = byName.get(fileName);
    if (output?.type !== 'chunk') return;
    for (const css of output.viteMetadata?.importedCss ?? []) loaded.add(css);
    for (const name of output.dynamicImports) dynamic.add(name);
    for (const name of output.imports) visit(name);
  };
  for (const root of roots) visit(root);
  visit(entry.fileName);
  const size = (fileName: string) => {
    const output = byName.get(fileName);
    if (!output) throw new Error(`[bench] ${fileName} is not in the build output`);
    return sizeOf(fileName, output.type === 'chunk' ? output.code : output.source);
  };
  const files = [...loaded].map(size);
  return {
    files,
    raw: files.reduce((sum, file) => sum + file.raw, 0),
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
    lazy: [...dynamic]
      .filter((name) => !loaded.has(name))
      .map((name) => {
        const chunk = byName.get(name);
        const facade = chunk?.type === 'chunk' ? chunk.facadeModuleId : null;
        return { ...size(name), ...(facade ? { source: relative(ROOT, facade) } : {}) };
      }),
  };
}

/** Builds in memory, silently, with exactly the given config (no vite.config.ts lookup). */
const inMemory = (config: UserConfig): InlineConfig =>
  mergeConfig(config, { configFile: false, logLevel: 'silent', build: { write: false } } as InlineConfig);

async function buildApp(name: AppName, widgetRuntime: 'preact' | 'react' = 'preact'): Promise<Output[]> {
  const config = appsConfig({ apps: [name], widgetRuntime });
  const builder = await createBuilder(inMemory(config));
  const environment = builder.environments[name];
  if (!environment) throw new Error(`[bench] no ${name} environment in vite.config.ts`);
  return outputsOf(await builder.build(environment));
}

/** The widget app as served at `/widget/` (index.html and what it loads). */
export async function widgetApp(runtime: 'preact' | 'react'): Promise<BundleSize> {
  return onOpen(await buildApp('widget', runtime), ['index.html']);
}

/** The gadget as gadget.xml loads it: gadget.js (and its static chunks) and gadget.css. */
export async function gadgetApp(): Promise<BundleSize> {
  return onOpen(await buildApp('gadget'), ['gadget.css']);
}

/** The host-page loader, `/widget.js`. */
export async function widgetLoader(): Promise<BundleSize> {
  const outputs = outputsOf(await build(inMemory(loaderConfig())));
  return onOpen(outputs);
}

/** A runtime's own weight: an app that renders one paragraph, on React 19 or on preact/compat. */
export async function runtimeAlone(runtime: 'preact' | 'react'): Promise<BundleSize> {
  const outputs = outputsOf(
    await build(
      inMemory({
        root: import.meta.dirname,
        plugins: [react(), ...(runtime === 'preact' ? [preactCompat('client')] : [])],
        build: { rolldownOptions: { input: join(import.meta.dirname, 'runtimeAlone.tsx') } },
      }),
    ),
  );
  return onOpen(outputs);
}
