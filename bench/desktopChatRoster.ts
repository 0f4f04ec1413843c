/**
 * Desktop Chat roster benchmark: the contact list with 2,000 contacts against 20 (the baseline), in
 * the same run and the same Chromium. The page (bench/apps/rosterPage.tsx) is built in memory with
 * Vite and served from loopback. For each size, median of `runs` cold page loads: time from the
 * render call to the first frame with the list painted, the JS heap used after it (CDP
 * Performance.getMetrics), and how many rows are in the DOM (windowing keeps it small).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from '@playwright/test';
import { build, mergeConfig, type InlineConfig, type Rolldown } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import type { Benchmark, BenchReport } from './benchmark.ts';
import { timingJson, timingRow } from './apps/report.ts';
import { formatTable } from './table.ts';

const SIZES = [20, 2000] as const;
/** The large roster's first paint may take at most this much longer than the baseline's. */
const MAX_PAINT_RATIO = 5;

type Output = Rolldown.OutputChunk | Rolldown.OutputAsset;

async function buildPage(): Promise<Map<string, string | Uint8Array>> {
  const config: InlineConfig = mergeConfig(
    {
      root: join(import.meta.dirname, 'apps'),
      plugins: [react()],
      build: { rolldownOptions: { input: join(import.meta.dirname, 'apps/rosterPage.tsx') } },
    },
    { configFile: false, logLevel: 'silent', build: { write: false, cssCodeSplit: false } } as InlineConfig,
  );
  const result = await build(config);
  const outputs: Output[] = (Array.isArray(result) ? result : [result]).flatMap((bundle) =>
    'output' in bundle ? bundle.output : [],
  );
  const files = new Map<string, string | Uint8Array>();
  for (const output of outputs)
    files.set(`/${output.fileName}`, output.type === 'chunk' ? output.code : output.source);
  const entry = outputs.find((output) => output.type === 'chunk' && output.isEntry);
  const css = outputs
    .filter((output) => output.fileName.endsWith('.css'))
    .map((output) => `<link rel="stylesheet" href="/${output.fileName}">`);
  files.set(
    '/',
    `<!doctype html><html><head>${css.join('')}</head><body><div id="root"></div><script type="module" src="/${entry?.fileName}"></script></body></html>`,
  );
  return files;
}

function serve(files: Map<string, string | Uint8Array>): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = files.get(path);
    if (body === undefined) return void response.writeHead(404).end();
    const type = path === '/' ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript';
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export const desktopChatRosterBenchmark: Benchmark = {
  name: 'desktopChatRoster',
  async run(options, deadline): Promise<BenchReport> {
    const files = await deadline.race(buildPage(), 'roster page build');
    const server = await serve(files);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const results: Record<number, { paint: number[]; heap: number[]; rows: number[] }> = {};
    try {
      for (const size of SIZES) {
        const samples = { paint: [] as number[], heap: [] as number[], rows: [] as number[] };
        for (let run = 0; run < options.runs + 1; run++) {
          const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Performance.enable');
          await page.goto(`${url}?n=${size}`);
          await page.waitForFunction(
            () => (window as Window & { __rosterPaintMs?: number }).__rosterPaintMs !== undefined,
          );
          const { paint, rows } = await page.evaluate(() => {
            const w = window as Window & { __rosterPaintMs?: number; __rosterRows?: number };
            return { paint: w.__rosterPaintMs ?? Number.NaN, rows: w.__rosterRows ?? 0 };
          });
          const { metrics } = (await cdp.send('Performance.getMetrics')) as {
            metrics: { name: string; value: number }[];
          };
          const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
          await page.close();
          if (run === 0) continue; // warm-up: the first load also compiles the bundle
          samples.paint.push(paint);
          samples.heap.push(heap / 1e6);
          samples.rows.push(rows);
        }
        results[size] = samples;
      }
    } finally {
      await browser.close();
      server.close();
    }
    const small = results[20]!;
    const large = results[2000]!;
    const ratio = median(large.paint) / median(small.paint);
    const failures = [
      ...(ratio > MAX_PAINT_RATIO
        ? [
            `desktopChatRoster: 2,000 contacts paint ${ratio.toFixed(1)}x the 20-contact baseline (limit ${MAX_PAINT_RATIO}x)`,
          ]
        : []),
      ...(median(large.rows) > 100
        ? [`desktopChatRoster: ${median(large.rows)} rows in the DOM for 2,000 contacts (windowing broken)`]
        : []),
    ];
    const text = [
      `desktopChatRoster: Desktop Chat contact list, render to first painted frame, median of ${options.runs} loads (+1 warm-up)`,
      formatTable(
        ['', 'median ms', 'min ms', 'max ms', 'runs'],
        [timingRow('20 contacts (baseline)', small.paint), timingRow('2,000 contacts', large.paint)],
      ),
      `JS heap after paint: ${median(small.heap).toFixed(1)} MB (20) vs ${median(large.heap).toFixed(1)} MB (2,000); rows in the DOM: ${median(small.rows)} vs ${median(large.rows)}; paint ratio ${ratio.toFixed(2)}x`,
    ].join('\n');
    return {
      table: text,
      failures,
      json: {
        runs: options.runs,
        baseline: {
          contacts: 20,
          firstPaint: timingJson(small.paint),
          heapMb: median(small.heap),
          domRows: median(small.rows),
        },
        large: {
          contacts: 2000,
          firstPaint: timingJson(large.paint),
          heapMb: median(large.heap),
          domRows: median(large.rows),
        },
        paintRatio: ratio,
        ok: failures.length === 0,
      },
    };
  },
};
