/**
 * Gadget benchmark: what the agent desktop loads for our gadget and how soon the agent sees it.
 *
 * - Size of what gadget.xml loads (gadget.js with its static chunks, gadget.css), raw and gzipped,
 *   against its budget (≤ 200 KB gzipped). Over budget is a failure. finesse.js and jQuery come from
 *   the Finesse host for every gadget and are not counted.
 * - Baseline, built in the same run: React 19 alone (an app that renders one paragraph), the floor any
 *   React gadget pays, so the rest of the figure is ours.
 * - First paint and ready inside the simulated desktop (bench/apps/gadgetPaint.ts), median of `runs`.
 */
import type { Benchmark, BenchReport } from './benchmark.ts';
import type { Deadline } from './deadline.ts';
import { appsEnvironment } from './apps/browser.ts';
import { measureGadgetPaint, type GadgetPaint } from './apps/gadgetPaint.ts';
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

export const GADGET_BUDGET_GZIP = 200_000;

async function timeInDesktop(runs: number, warmups: number, deadline: Deadline): Promise<GadgetPaint> {
  const { stack, browser } = await appsEnvironment(deadline, 'gadget');
  return deadline.race(measureGadgetPaint(browser, stack.simUrl, { runs, warmups }), 'gadget: first paint');
}

export const gadgetBenchmark: Benchmark = {
  name: 'gadget',
  async run(options, deadline): Promise<BenchReport> {
    const { weights, fresh } = await weighWhileStarting('gadget', options, deadline);
    const warmups = warmupsOf(options);
    const timings = await timeInDesktop(options.runs, warmups, deadline);

    const gadget: Weighed = { label: 'gadget, React 19', size: weights.gadget, budget: GADGET_BUDGET_GZIP };
    const reactAlone: Weighed | null = weights.baselines
      ? { label: 'React 19 alone (baseline)', size: weights.baselines.reactAlone }
      : null;
    const failures = [
      overBudget(gadget),
      missingSamples('gadget first paint', timings.firstPaintMs, options.runs),
      missingSamples('gadget ready', timings.readyMs, options.runs),
    ].filter((failure): failure is string => failure !== null);

    const ours = reactAlone ? weights.gadget.gzip - reactAlone.size.gzip : Number.NaN;
    const notes = [
      reactAlone
        ? `gadget gzipped: ${kb(ours)} KB on top of React alone`
        : 'baseline: not built in a quick run',
      ...(fresh ? [] : [STALE_DIST_NOTE]),
    ];
    const heading =
      `gadget: files gadget.xml loads (gzip level 6, 1 KB = 1000 bytes); from the desktop inserting its ` +
      `iframe to the gadget on screen, cold cache, ${options.runs} runs (+${warmups} not counted)`;
    const table = reportText(
      heading,
      [gadget, ...(reactAlone ? [reactAlone] : [])],
      [
        timingRow('first paint (boot panel)', timings.firstPaintMs),
        timingRow('ready (status control)', timings.readyMs),
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
        gadget: { runtime: 'react@19', ...sizeJson(gadget) },
        ...(reactAlone
          ? {
              baseline: { runtime: 'react@19 alone', ...sizeJson(reactAlone) },
              gadgetGzipAboveBaselineBytes: ours,
            }
          : {}),
        firstPaint: timingJson(timings.firstPaintMs),
        ready: timingJson(timings.readyMs),
        distMatchesSources: fresh,
        ok: failures.length === 0,
      },
    };
  },
};
