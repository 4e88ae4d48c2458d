// npm run bench -- console [--assets 10000] [--runs 5]
// The console in Debian's headless Chromium (playwright-core, as the e2e harness launches it) against
// a loopback stub of the API: the fleet page with 10,000 assets, the fleet filter, a year of one metric.
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureConsoleBuild } from '@hourglass/runtime-services';
import { launchChromium } from '../apps/platform-e2e/src/console-browser.harness';
import {
  progress,
  type BenchArgs,
  type BenchOptions,
  type BenchResult,
} from './support/bench-contract';
import { countProgress } from './support/phase-progress';
import { percentile } from './support/stats';
import { assetId, benchFleet } from './console/console-fixture';
import { startConsoleStub } from './console/console-stub.server';
import {
  timeFleetFilter,
  timeFleetPage,
  timeReference,
  timeYearChart,
} from './console/console-timings';

const GOALS = { fleetInteractiveMs: 1_500, yearChartMs: 500, filterMs: 100 };
/** Filter terms, each changing the count: 999, 99, 10, 1 assets, then the whole fleet again. */
const TERMS = ['bench-00', 'bench-000', 'bench-0004', 'bench-00042', ''];

const median = (values: readonly number[]) => percentile(values, 50) ?? NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;
const ratio = (reference: number, ours: number) =>
  ours > 0 ? Math.round((reference / ours) * 100) / 100 : null;

async function measureOurs(browser: Browser, url: string, count: number, runs: number) {
  const fleet: Array<{ shownMs: number; interactiveMs: number }> = [];
  const filter: Array<{ term: string; ms: number; count: string }> = [];
  const chart: Array<{ clickToDrawnMs: number; drawMs: number; points: number }> = [];
  const done = countProgress('console runs', runs, 'runs');
  for (let run = 0; run < runs; run++) {
    const { shownMs, interactiveMs, page } = await timeFleetPage(browser, url, count);
    fleet.push({ shownMs, interactiveMs });
    filter.push(...(await timeFleetFilter(page, TERMS)));
    await page.context().close();
    chart.push(await timeYearChart(browser, url, assetId(0)));
    done.update(run + 1);
    progress(
      `run ${run + 1}/${runs}: fleet ${interactiveMs} ms, filter ${filter
        .slice(-TERMS.length)
        .map((f) => round(f.ms))
        .join('/')} ms, year chart ${round(chart[run].clickToDrawnMs)} ms`,
    );
  }
  return { fleet, filter, chart };
}

/** Flags of `npm run bench -- console` (`--help`). */
export const options: BenchOptions = {
  assets: 'assets in the stubbed fleet (default 10,000)',
  runs: 'measured runs after the warm-up, medians kept (default 5)',
};

export async function run(args: BenchArgs): Promise<BenchResult> {
  const count = args.number('assets', 10_000);
  const runs = Math.max(1, args.number('runs', 5));
  const build = ensureConsoleBuild();
  progress(`console build ${build.dir}; ${count} assets, ${runs} runs`);
  const now = Date.now();
  const stub = await startConsoleStub({
    consoleDir: build.dir,
    echartsFile: resolve(__dirname, '../node_modules/echarts/dist/echarts.min.js'),
    fleet: benchFleet(count, now),
    now,
  });
  const browser = await launchChromium();
  try {
    const warm = await timeFleetPage(browser, stub.url, count);
    await warm.page.context().close();
    const ours = await measureOurs(browser, stub.url, count, runs);
    const refs = [];
    const refsDone = countProgress('reference runs', runs, 'runs');
    for (let i = 0; i < runs; i++) {
      refs.push(await timeReference(browser, stub.url, TERMS));
      refsDone.update(i + 1);
    }
    const fleetMs = median(ours.fleet.map((f) => f.interactiveMs));
    const filterMs = median(ours.filter.map((f) => f.ms));
    const chartMs = median(ours.chart.map((c) => c.clickToDrawnMs));
    const bare = {
      tableMs: median(refs.map((r) => r.tableMs)),
      filterMs: median(refs.flatMap((r) => r.filterMs)),
      echartsMs: median(refs.map((r) => r.chart.requestToDrawnMs)),
    };
    return {
      bench: 'console',
      figures: {
        fleetInteractiveMs: round(fleetMs),
        fleetRowsShownMs: round(median(ours.fleet.map((f) => f.shownMs))),
        fleetInteractiveWorstMs: round(Math.max(...ours.fleet.map((f) => f.interactiveMs))),
        filterResponseMs: round(filterMs),
        filterResponseWorstMs: round(Math.max(...ours.filter.map((f) => f.ms))),
        yearChartMs: round(chartMs),
        yearChartDrawMs: round(median(ours.chart.map((c) => c.drawMs))),
        yearChartPoints: ours.chart[0]?.points ?? 0,
        bareTableMs: round(bare.tableMs),
        bareFilterMs: round(bare.filterMs),
        bareEchartsMs: round(bare.echartsMs),
      },
      ratios: {
        vsBareTable: ratio(bare.tableMs, fleetMs),
        vsBareFilter: ratio(bare.filterMs, filterMs),
        vsBareEcharts: ratio(bare.echartsMs, chartMs),
      },
      goals: {
        fleetInteractiveUnder1500ms: fleetMs < GOALS.fleetInteractiveMs,
        yearChartUnder500ms: chartMs < GOALS.yearChartMs,
        filterUnder100ms: filterMs < GOALS.filterMs,
      },
      details: {
        settings: {
          assets: count,
          runs,
          viewport: '1280x860',
          api: 'loopback stub with canned answers (the figures are the browser side: the console build, React, ECharts)',
          filterTerms: TERMS,
          chromium: browser.version(),
        },
        ours,
        reference: refs,
      },
    };
  } finally {
    await browser.close();
    stub.server.closeAllConnections();
    stub.server.close();
  }
}
