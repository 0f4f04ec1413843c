/** The import-cycle check (scripts/checkCycles.ts): what counts as an import, and what a cycle is. */
import { describe, expect, it } from 'vitest';
import { cycles, importsOf } from './checkCycles.ts';

describe('checkCycles', () => {
  it('counts value imports and re-exports, not type-only ones, packages or dynamic imports', () => {
    const file = `${import.meta.dirname}/probe.ts`;
    const text = [
      "import { cycles } from './checkCycles.ts';",
      "import type { Nothing } from './runTogether.ts';",
      "export type { Other } from './start.ts';",
      "export { x } from './appsBuild.ts';",
      "import './ensure-test-deps.ts';",
      "import { spawn } from 'node:child_process';",
      "const later = () => import('./check-sdk-package.ts');",
    ].join('\n');
    expect(importsOf(file, text).map((path) => path.split('/').pop())).toEqual([
      'checkCycles.ts',
      'appsBuild.ts',
      'ensure-test-deps.ts',
    ]);
  });

  it('finds modules importing each other, also over several steps, and nothing in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});
