/**
 * Widget benchmark: what the customer's browser loads and how long the customer waits.
 *
 * - Sizes of the loader (`/widget.js`, on every page of the host site) and of the chat app (what the
 *   iframe loads when the customer opens the chat), raw and gzipped, against their budgets (≤ 4 KB and
 *   ≤ 60 KB gzipped). Over budget is a failure.
 * - Baseline, built in the same run: the same chat app on React 19 instead of preact/compat, i.e. what
 *   the app would weigh without the aliasing in vite.config.ts; and each runtime alone (an app that
 *   renders one paragraph), to show how much of the figure is the runtime and how much is ours.
 * - Click-to-ready in Chromium on loopback (bench/apps/clickToReady.ts), cold and warm cache, median
 *   of `runs`. Loopback leaves out the network: the figure is parse, run, render and local requests.
 *
 * The browser loads `dist/` (as `npm run build` left it); the sizes come from building the sources,
 * and the run says when the two differ.
 */
import { basename } from 'node:path';
import type { Benchmark, BenchReport } from './benchmark.ts';
import { withTimeout, type Deadline } from './deadline.ts';
import { appsEnvironment, startHostPage } from './apps/browser.ts';
import { heaviestLanguage, withFile, type BundleSize } from './apps/sizes.ts';
import { measureClickToReady, type ClickToReady } from './apps/clickToReady.ts';
import { weighWhileStarting } from './apps/prepare.ts';
import {
  kb,
  missingSamples,
  overBudget,
  reportText,
  STALE_DIST_NOTE,
  sizeJson,
  timingJson,
  timingRow,
  type Weighed,
  warmupsOf,
} from './apps/report.ts';
import { round3 } from './stats.ts';

export const LOADER_BUDGET_GZIP = 4000;
export const APP_BUDGET_GZIP = 60_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function timeInBrowser(runs: number, warmups: number, deadline: Deadline): Promise<ClickToReady> {
  const { stack, browser } = await appsEnvironment(deadline, 'widget');
  const host = await startHostPage(stack.chatUrl);
  try {
    return await deadline.race(
      measureClickToReady(browser, host.url, stack.chatUrl, { runs, warmups }),
      'widget: click-to-ready',
    );
  } finally {
    await withTimeout(host.close(), SHUTDOWN_TIMEOUT_MS, 'widget: stopping the host page');
  }
}

/** Files the iframe fetched before it was ready that the app's size does not count. */
function uncounted(app: BundleSize, timings: ClickToReady): string[] {
  const counted = new Set(app.files.map((file) => file.file));
  return [...new Set(timings.fetchedOnOpen.flat())].filter((file) => !counted.has(file)).sort();
}

export const widgetBenchmark: Benchmark = {
  name: 'widget',
  async run(options, deadline): Promise<BenchReport> {
    const { weights, fresh } = await weighWhileStarting('widget', options, deadline);
    const warmups = warmupsOf(options);
    const timings = await timeInBrowser(options.runs, warmups, deadline);

    const language = heaviestLanguage(weights.widget);
    const loader: Weighed = { label: 'loader /widget.js', size: weights.loader, budget: LOADER_BUDGET_GZIP };
    const app: Weighed = { label: 'chat app in English', size: weights.widget, budget: APP_BUDGET_GZIP };
    const appInLanguage: Weighed | null = language && {
      label: `chat app in ${basename(language.source ?? language.file, '.json')} (heaviest)`,
      size: withFile(weights.widget, language),
      budget: APP_BUDGET_GZIP,
    };
    const { baselines } = weights;
    const react: Weighed | null = baselines
      ? { label: 'chat app on React 19 (baseline)', size: baselines.widgetOnReact }
      : null;
    const context: Weighed[] = baselines
      ? [
          { label: 'preact/compat alone', size: baselines.preactAlone },
          { label: 'React 19 alone', size: baselines.reactAlone },
        ]
      : [];
    const later = weights.widget.lazy.filter(
      (file) => file !== language && !/\/locales\//.test(file.source ?? ''),
    );
    const rows = [loader, app, appInLanguage, react, ...context].filter((row) => row !== null);
    const notCounted = fresh ? uncounted(weights.widget, timings) : [];

    const failures = [
      overBudget(loader),
      overBudget(app),
      appInLanguage && overBudget(appInLanguage),
      missingSamples('click-to-ready, cold', timings.coldMs, options.runs),
      missingSamples('click-to-ready, warm', timings.warmMs, options.runs),
      notCounted.length > 0
        ? `the chat app fetched ${notCounted.join(', ')} before it was ready; its size does not count them`
        : null,
    ].filter((failure): failure is string => typeof failure === 'string');

    const ratio = react ? weights.widget.gzip / react.size.gzip : Number.NaN;
    const notes = [
      ...later.map(
        (file) => `loaded later, not on open: ${file.file} ${kb(file.gzip)} KB (${file.source ?? ''})`,
      ),
      react
        ? `chat app on preact/compat, gzipped: ${ratio.toFixed(2)}x its React build`
        : 'baselines: not built in a quick run',
      ...(fresh ? [] : [STALE_DIST_NOTE]),
    ];
    const heading =
      `widget: files loaded on open (gzip level 6, 1 KB = 1000 bytes); click-to-ready in Chromium on ` +
      `loopback, idle prefetch off, ${options.runs} runs each (+${warmups} not counted)`;
    const table = reportText(
      heading,
      rows,
      [
        timingRow('click-to-ready, cold cache', timings.coldMs),
        timingRow('click-to-ready, warm cache', timings.warmMs),
      ],
      notes,
    );

    return {
      table,
      failures,
      json: {
        runs: options.runs,
        warmups,
        gzipLevel: 6,
        loader: sizeJson(loader),
        app: { runtime: 'preact/compat', ...sizeJson(app) },
        ...(appInLanguage ? { appInHeaviestLanguage: sizeJson(appInLanguage) } : {}),
        ...(react && baselines
          ? {
              baseline: { runtime: 'react@19', ...sizeJson(react) },
              runtimeAlone: {
                preactCompat: sizeJson({ label: '', size: baselines.preactAlone }),
                react: sizeJson({ label: '', size: baselines.reactAlone }),
              },
              appGzipVsBaseline: round3(ratio),
            }
          : {}),
        clickToReady: { cold: timingJson(timings.coldMs), warm: timingJson(timings.warmMs) },
        fetchedOnOpen: [...new Set(timings.fetchedOnOpen.flat())].sort(),
        distMatchesSources: fresh,
        ok: failures.length === 0,
      },
    };
  },
};
