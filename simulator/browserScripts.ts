import { readFile, stat } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import { basename, resolve, sep } from 'node:path';

/**
 * Serves the simulator's browser code, written in TypeScript, as JavaScript by stripping the types
 * (Node's `stripTypeScriptTypes`; no bundler). Desktop modules keep their relative `./x.ts`
 * imports, which the browser requests from the same folder. Results are cached per file mtime,
 * so an edit shows on the next reload.
 */
export interface BrowserScripts {
  /** A module under the root, by file name (`desktopView.ts`), or `undefined` if there is none. */
  module(fileName: string): Promise<string | undefined>;
  /**
   * Several files as one classic script (finesse.js, the gadgets runtime): each file in its own
   * block inside one function, sharing a private `__sim` object and nothing else with the page.
   * `prelude` (trusted, server-made code) runs first, e.g. to set fields of `__sim`.
   */
  classicScript(fileNames: readonly string[], prelude?: string): Promise<string>;
}

const MODULE_NAME = /^[A-Za-z][A-Za-z0-9]*\.ts$/;

export function createBrowserScripts(root: string): BrowserScripts {
  const cache = new Map<string, { mtimeMs: number; code: string }>();

  const compile = async (path: string): Promise<string> => {
    const { mtimeMs } = await stat(path);
    const hit = cache.get(path);
    if (hit?.mtimeMs === mtimeMs) return hit.code;
    const source = await readFile(path, 'utf8');
    const code = stripTypeScriptTypes(source, { mode: 'strip' });
    cache.set(path, { mtimeMs, code });
    return code;
  };

  const inRoot = (fileName: string): string => {
    const path = resolve(root, fileName);
    if (!path.startsWith(root + sep)) throw new Error(`[simulator] ${fileName} is outside ${root}`);
    return path;
  };

  return {
    async module(fileName) {
      // Only plain names in the folder itself: no paths, no tests, no dot files.
      if (!MODULE_NAME.test(fileName) || fileName.endsWith('.test.ts')) return undefined;
      try {
        return await compile(inRoot(fileName));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async classicScript(fileNames, prelude = '') {
      const parts = await Promise.all(
        fileNames.map(async (name) => `// ---- ${basename(name)}\n{\n${await compile(inRoot(name))}\n}\n`),
      );
      return `(function () {\n'use strict';\nvar __sim = {};\n${prelude}${parts.join('')}})();\n`;
    },
  };
}
