import type { Browser, Page } from 'playwright-core';

/** The console's session key (apps/console/src/auth/token-storage.ts): signed in before the page loads. */
const TOKEN_KEY = 'hourglass.token';

async function signedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(
    `sessionStorage.setItem(${JSON.stringify(TOKEN_KEY)}, 'bench-token')`,
  );
  return context.newPage();
}

/** Fleet page load: rows shown, then the first input (sort by asset id) answered; ms from navigation. */
export async function timeFleetPage(
  browser: Browser,
  url: string,
  count: number,
): Promise<{ shownMs: number; interactiveMs: number; page: Page }> {
  const page = await signedInPage(browser);
  const t0 = Date.now();
  await page.goto(`${url}/fleet`, { waitUntil: 'commit' });
  await page.getByText(`${count} of ${count} assets`).waitFor({ timeout: 60_000 });
  await page.locator('.windowed-scroller [role="row"]').first().waitFor();
  const shownMs = Date.now() - t0;
  await page.getByRole('button', { name: 'Asset', exact: true }).click();
  await page.locator('[role="columnheader"][aria-sort="ascending"]').waitFor();
  return { shownMs, interactiveMs: Date.now() - t0, page };
}

/**
 * Types each term into the fleet filter inside the page and times until the count line changed
 * and a frame was painted (the filter renders deferred, the count with it).
 */
export async function timeFleetFilter(
  page: Page,
  terms: readonly string[],
): Promise<Array<{ term: string; ms: number; count: string }>> {
  await page.getByLabel('Search assets').waitFor();
  return (await page.evaluate(
    `(async (terms) => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent.includes('Search assets'));
      const input = label.control ?? label.querySelector('input');
      const count = document.querySelector('p.count');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const results = [];
      for (const term of terms) {
        const before = count.textContent;
        const t0 = performance.now();
        const changed = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (count.textContent !== before) { observer.disconnect(); resolve(); }
          });
          observer.observe(count, { childList: true, characterData: true, subtree: true });
        });
        setValue.call(input, term);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await changed;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        results.push({ term, ms: performance.now() - t0, count: count.textContent });
      }
      return results;
    })(${JSON.stringify(terms)})`,
  )) as Array<{ term: string; ms: number; count: string }>;
}

/**
 * The asset page's "1 year" range: from the click to the chart's `finished` (fetch, parse and
 * draw), and from the answer's arrival to `finished` (draw only).
 */
/** The telemetry chart: the asset page also draws risk and RUL charts, with range buttons of their own, above it. */
const TELEMETRY_CHART_SELECTOR = '[data-testid="telemetry-resolution"] ~ .chart';

export async function timeYearChart(
  browser: Browser,
  url: string,
  assetId: string,
): Promise<{ clickToDrawnMs: number; drawMs: number; points: number }> {
  const page = await signedInPage(browser);
  await page.goto(`${url}/assets/${encodeURIComponent(assetId)}`);
  await page.getByTestId('telemetry-resolution').waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    `Number(document.querySelector(${JSON.stringify(TELEMETRY_CHART_SELECTOR)})?.dataset.drawnAt) > 0`,
  );
  const clickAt = (await page.evaluate(`(() => {
    const section = document.querySelector('[data-testid="telemetry-resolution"]').closest('section');
    const button = [...section.querySelectorAll('button')].find((b) => b.textContent.trim() === '1 year');
    const at = performance.now();
    button.click();
    return at;
  })()`)) as number;
  const timing = `(() => {
    const answers = performance.getEntriesByType('resource').filter((e) => e.name.includes('/telemetry?') && e.startTime >= ${clickAt});
    const answered = answers.length ? answers[answers.length - 1].responseEnd : Infinity;
    const drawnAt = Number(document.querySelector(${JSON.stringify(TELEMETRY_CHART_SELECTOR)})?.dataset.drawnAt);
    const text = document.querySelector('[data-testid="telemetry-resolution"]')?.textContent ?? '';
    return { answered, drawnAt, points: Number((/(\\d+) points/.exec(text) ?? [])[1] ?? 0) };
  })()`;
  await page.waitForFunction(
    `(() => { const t = ${timing}; return t.points > 1000 && t.drawnAt > t.answered; })()`,
    undefined,
    { timeout: 30_000 },
  );
  const t = (await page.evaluate(timing)) as { answered: number; drawnAt: number; points: number };
  await page.context().close();
  return { clickToDrawnMs: t.drawnAt - clickAt, drawMs: t.drawnAt - t.answered, points: t.points };
}

/** The bare reference page: plain table, filter and bare ECharts with the same data. */
export async function timeReference(
  browser: Browser,
  url: string,
  terms: readonly string[],
): Promise<{
  tableMs: number;
  filterMs: number[];
  chart: { requestToDrawnMs: number; drawMs: number };
}> {
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 860 } })
  ).newPage();
  const t0 = Date.now();
  await page.goto(`${url}/reference.html`, { waitUntil: 'commit' });
  await page.waitForFunction('typeof window.bench === "object"');
  await page.evaluate('window.bench.table()');
  const tableMs = Date.now() - t0;
  const filterMs: number[] = [];
  for (const term of terms)
    filterMs.push((await page.evaluate(`window.bench.filter(${JSON.stringify(term)})`)) as number);
  const chart = (await page.evaluate('window.bench.chart()')) as {
    requestToDrawnMs: number;
    drawMs: number;
  };
  await page.context().close();
  return { tableMs, filterMs, chart };
}
