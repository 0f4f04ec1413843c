/**
 * Bundle sizes as the app benchmarks pass them around (bench/apps/bundles.ts measures them in a
 * child process), and what the benchmarks derive from them without building anything.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = resolve(import.meta.dirname, '../../dist');

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  /** For a lazily loaded chunk: the module it was split off for (`widget/app/i18n/locales/de.json`). */
  source?: string;
}

export interface BundleSize {
  /** Files fetched when the app opens, with their sizes. */
  files: FileSize[];
  raw: number;
  gzip: number;
  /** Chunks loaded later through `import()` (not in `raw`/`gzip`). */
  lazy: FileSize[];
}

/**
 * The chunk of the heaviest translation the app fetches as it starts in a language other than English
 * (widget/app/i18n/i18n.ts splits every language but English off), or null without such chunks.
 */
export function heaviestLanguage(bundle: BundleSize): FileSize | null {
  const languages = bundle.lazy.filter((file) => /\/locales\/[\w-]+\.json$/.test(file.source ?? ''));
  return languages.reduce<FileSize | null>((top, file) => (top && top.gzip >= file.gzip ? top : file), null);
}

/** `bundle` with one more file (a language chunk) loaded on open. */
export function withFile(bundle: BundleSize, file: FileSize): BundleSize {
  return {
    files: [...bundle.files, file],
    raw: bundle.raw + file.raw,
    gzip: bundle.gzip + file.gzip,
    lazy: bundle.lazy.filter((lazy) => lazy.file !== file.file),
  };
}

/**
 * Whether `dist/<folder>` holds the files of this build (same names and sizes): when it does not, the
 * sources changed after `npm run build` and the browser figures were taken on an older build.
 */
export function distHas(folder: string, bundle: BundleSize): boolean {
  return bundle.files.every((file) => {
    const path = join(DIST, folder, file.file);
    if (!existsSync(path)) return false;
    const bytes = readFileSync(path);
    return bytes.byteLength === file.raw && gzipSync(bytes).byteLength === file.gzip;
  });
}
