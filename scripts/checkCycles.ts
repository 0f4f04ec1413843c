/**
 * Fails when modules import each other in a circle (a → b → … → a): in a cycle, which module runs
 * first depends on who imported whom first, and a value read during start-up may still be undefined.
 * Type-only imports (`import type`, `export type … from`) are erased and do not count; dynamic
 * `import()` runs later and does not count either. Reads the sources as text (relative specifiers
 * only), so it takes well under a second, beside `npm run lint`. `node scripts/checkCycles.ts`
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = [
  'sdk',
  'server',
  'gadget',
  'widget',
  'ui',
  'simulator',
  'cli',
  'scripts',
  'bench',
  'e2e',
  'examples',
];
const SOURCE = /\.(ts|tsx|js|mjs)$/;

function* sources(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** `import … from`, `export … from` and `import '…'`, without the type-only ones. */
const STATEMENT = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g;

export function importsOf(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(STATEMENT)) {
    const [, , typeOnly, specifier = ''] = match;
    if (typeOnly || !specifier.startsWith('.')) continue;
    const target = resolve(dirname(file), specifier);
    if (SOURCE.test(target) && existsSync(target)) found.push(target);
  }
  return found;
}

/** The strongly connected components with more than one module, or a module importing itself (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const lowOf = (node: string): number => low.get(node) ?? Infinity;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(lowOf(node), lowOf(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(lowOf(node), index.get(to) ?? Infinity));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

if (import.meta.main) {
  const started = performance.now();
  const graph = new Map<string, string[]>();
  for (const folder of FOLDERS) {
    const path = join(ROOT, folder);
    if (!existsSync(path)) continue;
    for (const file of sources(path)) graph.set(file, importsOf(file, readFileSync(file, 'utf8')));
  }
  const found = cycles(graph);
  const ms = Math.round(performance.now() - started);
  if (found.length === 0) {
    console.log(`[cycles] no import cycles among ${graph.size} modules (${ms} ms)`);
  } else {
    for (const component of found) {
      console.error(
        `[cycles] these modules import each other:\n  ${component.map((f) => relative(ROOT, f)).join('\n  ')}`,
      );
    }
    process.exit(1);
  }
}
