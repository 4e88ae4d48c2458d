import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import {
  ensureConsoleBuild,
  startPlatform,
  type RunningPlatform,
} from '@hourglass/runtime-services';
import { ensureDebianPackage, waitFor } from '@hourglass/testing-services';
import { launchChromium, screenshot, seriousA11yViolations } from './console-browser.harness';

type Asset = {
  id: string;
  tenantId: string;
  risk: { probability: number; rul: number; modelVersion: string } | null;
};

/** An open HIGH hpc-module order for `assetId`, as the warning policy would raise it. */
const newOrder = (tenantId: string, assetId: string) => ({
  tenantId,
  assetId,
  component: 'hpc-module',
  priority: 'HIGH' as const,
  predictedRul: 20,
  risk: 0.8,
  modelVersion: 'e2e',
  replaceBy: new Date(Date.now() + 86_400_000),
});

/**
 * The console in a real headless Chromium against the whole platform (embedded stores, a small
 * simulated fleet): sign in with the admin token, then fleet, an asset, orders, contracts and
 * models, each with real content, an axe-core check and a screenshot.
 */
describe('console in a browser', () => {
  const token = 'e2e-console-admin-token-0123456789';
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let scored: Asset;

  const api = async <T>(path: string, init?: { method: string; body: unknown }): Promise<T> => {
    const res = await fetch(`${platform.httpUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(init ? { body: JSON.stringify(init.body) } : {}),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const tasks = () => new TaskRepository(platform.ctx.db);
  const expectAccessibleOn = async (on: Page, screen: string) => {
    expect({ screen, violations: await seriousA11yViolations(on) }).toEqual({
      screen,
      violations: [],
    });
  };
  const expectAccessible = (screen: string) => expectAccessibleOn(page, screen);

  beforeAll(async () => {
    const build = ensureConsoleBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'hg-console-e2e-'));
    const config = loadPlatformConfig({
      HG_HTTP_PORT: '0',
      HG_MQTT_PORT: '0',
      HG_DATA_DIR: dataDir,
      HG_ADMIN_TOKEN: token,
      HG_SIMULATOR: 'cmapss',
      HG_SIM_DEVICES: '3',
      HG_SIM_SPEED: '10',
      // No field technician: the orders screen shows the orders as the test leaves them.
      HG_SIM_TECHNICIAN_DELAY_S: 'off',
      HG_SCORING_INTERVAL_MS: '250',
      HG_BILLING_INTERVAL_MS: '1000',
      HG_INGEST_FLUSH_MS: '50',
    });
    // Without the seeded customer-success year and the fleet's seeded past orders: the checks below
    // count what the test itself creates.
    platform = await startPlatform(config, () => undefined, {
      consoleDir: build.dir,
      demo: { customers: false, cases: false },
    });
    await waitFor(
      async () => {
        const { items } = await api<{ items: Asset[] }>('/api/assets');
        scored = items.find((a) => a.risk !== null) as Asset;
        return scored !== undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'a scored asset' },
    );
    // The asset page lists the orders of a simulated asset: one to show, whatever happens to it.
    await tasks().openIfNone(newOrder(scored.tenantId, scored.id));
    await waitFor(
      async () =>
        (await api<{ items: unknown[] }>('/api/contracts/demo-power-by-the-hour/billing-records'))
          .items.length > 0,
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'a billing record of the demo contract',
      },
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('signs in with the admin token and lists the fleet, filterable', async () => {
    await page.goto(`${platform.httpUrl}/`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.getByText('Signed in as admin (provider-admin)').waitFor();
    await page.getByRole('link', { name: scored.id, exact: true }).waitFor();
    await expectAccessible('fleet');
    await screenshot(page, 'fleet');
    await page.getByLabel('Search assets').fill(scored.id);
    await page.getByText(/^1 of \d+ assets$/).waitFor();
  }, 60_000);

  it('provisions a device and rotates its password; the shown mosquitto_pub line works', async () => {
    await ensureDebianPackage('console-e2e', '/usr/bin/mosquitto_pub', 'mosquitto-clients');
    const deviceId = 'e2e-console-provisioned';
    const mqttPort = new URL(platform.mqttUrl).port;
    // Runs the command as the operator would paste it, with the platform's MQTT port filled in.
    const runShownLine = async () => {
      await page.getByLabel('MQTT port (HG_MQTT_PORT, default 1883)').fill(mqttPort);
      const line = await page.locator('.device-credentials pre').textContent();
      await promisify(execFile)('bash', ['-c', line ?? 'false'], { timeout: 20_000 });
      return (await page.getByTestId('device-password').textContent()) ?? '';
    };
    await page.getByRole('button', { name: 'Provision a device…' }).click();
    await page.getByLabel('Device id (letters, digits, _ . -; up to 64)').fill(deviceId);
    await page.getByLabel('Asset type').fill('turbofan');
    await page.getByLabel('Customer (tenant; empty: the default customer)').fill(scored.tenantId);
    await page.getByRole('button', { name: 'Provision', exact: true }).click();
    await page.getByText(`Device ${deviceId} provisioned.`).waitFor();
    await page.getByText(/shown only now and will not be shown again/).waitFor();
    await expectAccessible('fleet-provisioned');
    await screenshot(page, 'fleet-provisioned');
    const first = await runShownLine();
    // The sample as the line publishes it reads back (samples are written in batches).
    await waitFor(
      async () =>
        (
          await api<{ items: Array<{ metrics: Record<string, number> }> }>(
            `/api/assets/${deviceId}/telemetry`,
          )
        ).items.some((r) => r.metrics['temperature'] === 71.5),
      { timeoutMs: 20_000, intervalMs: 100, what: 'the published sample read back' },
    );
    await page.getByRole('button', { name: 'I have copied them' }).click();
    await page.getByLabel('Device id', { exact: true }).fill(deviceId);
    await page.getByRole('button', { name: 'Rotate credentials' }).click();
    await page.getByText(`New credentials of device ${deviceId}.`).waitFor();
    expect(await runShownLine()).not.toBe(first);
    await page.getByRole('button', { name: 'I have copied them' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
  }, 60_000);

  it('shows an asset with its risk, a zoomable telemetry chart and its orders', async () => {
    await page.getByRole('link', { name: scored.id, exact: true }).click();
    await page.getByRole('heading', { name: `Asset ${scored.id}` }).waitFor();
    await page.getByTestId('asset-rul').waitFor();
    await page.getByTestId('telemetry-resolution').waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    // Risk and RUL over time (issue 16): the scored asset has at least its current hour's score.
    await page.getByTestId('risk-history-resolution').waitFor();
    expect(
      await page.getByRole('img', { name: `Remaining useful life (cycles) ${scored.id}` }).count(),
    ).toBe(1);
    await page
      .getByRole('region', { name: 'Orders of this asset' })
      .getByText('hpc-module')
      .first()
      .waitFor();
    await expectAccessible('asset');
    await screenshot(page, 'asset');
    // The health report opens in a new tab from a blob URL, fetched with the bearer token.
    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: 'Health report', exact: true }).click(),
    ]);
    await report.waitForURL(/^blob:/);
    await report
      .getByRole('heading', { name: new RegExp(scored.id) })
      .first()
      .waitFor();
    await report.close();
    // A day is answered with 1-minute means: a chart once the first rollup ran, else the empty state.
    await page.getByRole('button', { name: '1 day' }).click();
    await page.locator('button[aria-pressed="true"]', { hasText: '1 day' }).waitFor();
    await page
      .getByTestId('telemetry-resolution')
      .or(page.getByText('No telemetry in this range.'))
      .waitFor();
  }, 60_000);

  it('works an order: acknowledge, then start, and its history shows both', async () => {
    // Not a simulated asset's order: the platform closes those when the simulator replaces the unit
    // (a cycle's worth of seconds at this speed), so it is provisioned here, after the fleet count.
    const assetId = 'e2e-console-work-order';
    await api('/api/devices', {
      method: 'POST',
      body: { id: assetId, type: 'turbofan', tenantId: scored.tenantId },
    });
    const order = await tasks().openIfNone(newOrder(scored.tenantId, assetId));
    expect(order?.status).toBe('OPEN');
    const id = order?.id as string;
    await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
    await page
      .locator(`tr[data-task-id="${id}"]`)
      .getByRole('button', { name: `Work order ${assetId} hpc-module` })
      .click();
    const editor = page.locator('.editor');
    await editor.getByText('Now: Open').waitFor();
    // The case library's panels travel with the order (their content: the API's specs).
    await editor.getByRole('heading', { name: 'Suggested' }).waitFor();
    await editor.getByRole('heading', { name: 'Diagnosis' }).waitFor();
    await editor.getByRole('button', { name: 'Acknowledge' }).click();
    await editor.getByText('Now: Acknowledged').waitFor();
    await editor.getByRole('button', { name: 'Start' }).click();
    await editor.getByText('Now: In progress').waitFor();
    const history = editor.getByRole('region', { name: 'History' });
    await history.getByText('Open → Acknowledged by admin').waitFor();
    await history.getByText('Acknowledged → In progress by admin').waitFor();
    expect((await api<{ status: string }>(`/api/tasks/${id}`)).status).toBe('IN_PROGRESS');
    const { items } = await api<{
      items: Array<{ from: string | null; to: string; actor: string }>;
    }>(`/api/tasks/${id}/history`);
    expect(items.filter((e) => e.actor === 'admin').map((e) => [e.from, e.to])).toEqual([
      ['OPEN', 'ACKNOWLEDGED'],
      ['ACKNOWLEDGED', 'IN_PROGRESS'],
    ]);
    await expectAccessible('orders');
    await screenshot(page, 'orders');
  }, 60_000);

  it('lists contracts and shows a contract with its health, billing records and a statement download', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Contracts' }).click();
    await page.getByRole('link', { name: 'Demo fleet: power by the hour' }).click();
    await page.getByRole('heading', { name: 'Contract health' }).waitFor();
    await page.getByTestId('contract-availability').waitFor();
    await page
      .getByRole('region', { name: 'Billing records' })
      .getByRole('rowheader')
      .first()
      .waitFor();
    const download = page.waitForEvent('download');
    await page
      .getByRole('button', { name: /Download the statement of/ })
      .first()
      .click();
    expect((await download).suggestedFilename()).toMatch(
      /^demo-power-by-the-hour-\d{4}-\d{2}-statement\.md$/,
    );
    await expectAccessible('contracts');
    await screenshot(page, 'contract');
  }, 60_000);

  it('lists model versions with the active one marked and its evaluation backtest, and switches to Chinese', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Models' }).click();
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.locator('.model.active').getByText('active').waitFor();
    await page.getByRole('button', { name: 'Roll back to the previous version' }).waitFor();
    await page
      .locator('.model.active')
      .getByText('Evaluation report and threshold backtest')
      .click();
    await page.getByTestId('backtest-chart').waitFor();
    await page.getByRole('columnheader', { name: 'False warnings per asset-year' }).waitFor();
    await expectAccessible('models');
    await screenshot(page, 'models');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('navigation').getByRole('link', { name: '设备群' }).waitFor();
    await screenshot(page, 'models-zh');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
  }, 60_000);

  describe('roles, passwords and live updates', () => {
    const PASSWORD = 'e2e-password-4711';
    const PARTNER = 'e2e-north-service';
    const users: Record<string, { id: string; token: string }> = {};
    /** A fresh browser context (English, signed out) signed in with a name and password. */
    const signInAs = async (name: string, password = PASSWORD): Promise<Page> => {
      const fresh = await (
        await browser.newContext({ viewport: { width: 1280, height: 860 } })
      ).newPage();
      await fresh.goto(`${platform.httpUrl}/`);
      await fresh.getByLabel('User name').fill(name);
      await fresh.getByLabel('Password', { exact: true }).fill(password);
      await fresh.getByRole('button', { name: 'Sign in' }).click();
      return fresh;
    };
    const navLinks = async (p: Page) =>
      (await p.getByRole('navigation').getByRole('link').allTextContents()).map((l) => l.trim());

    beforeAll(async () => {
      for (const [name, role, tenantId] of [
        ['olga', 'operator', undefined],
        ['rene', 'reliability-engineer', undefined],
        ['anna', 'account-manager', undefined],
        ['cleo', 'customer', scored.tenantId],
        ['amir', 'account-manager', undefined],
      ] as const) {
        users[name] = await api<{ id: string; token: string }>('/api/users', {
          method: 'POST',
          body: { name, role, tenantId, password: PASSWORD },
        });
      }
      // A service partner with one technician, and its user.
      await api('/api/partners', {
        method: 'POST',
        body: { id: PARTNER, name: 'E2E North Service', regions: ['north'], skills: ['turbofan'] },
      });
      await api('/api/technicians', {
        method: 'POST',
        body: { id: 'e2e-tess', name: 'Tess', partnerId: PARTNER, regions: ['north'] },
      });
      users.pia = await api<{ id: string; token: string }>('/api/users', {
        method: 'POST',
        body: { name: 'pia', role: 'partner', partnerId: PARTNER, password: PASSWORD },
      });
    });

    it('signs each role in by password onto its own home, with only its screens', async () => {
      const homes = [
        [
          'olga',
          'Fleet',
          [
            'Fleet',
            'Orders',
            'KPIs',
            'Service network',
            'Partners',
            'Case library',
            'Plans',
            'Parts',
          ],
        ],
        ['rene', 'Models', ['Models', 'Fleet', 'Orders', 'KPIs', 'Case library', 'Rules', 'Plans']],
        [
          'anna',
          'Contracts',
          [
            'Contracts',
            'Fleet',
            'Orders',
            'Customers',
            'Portfolio',
            'Touch calendar',
            'Segments',
            'KPIs',
          ],
        ],
        ['cleo', 'Orders', ['Orders', 'Fleet', 'Contracts', 'KPIs']],
      ] as const;
      for (const [name, home, nav] of homes) {
        const p = await signInAs(name);
        await p.getByRole('heading', { name: home, exact: true }).waitFor();
        expect({ name, path: new URL(p.url()).pathname, nav: await navLinks(p) }).toEqual({
          name,
          path: '/',
          nav,
        });
        await p.getByText('Live', { exact: true }).waitFor();
        await screenshot(p, `home-${name}`);
        await p.context().close();
      }
      const customer = await signInAs('cleo');
      await customer.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
      await customer.goto(`${platform.httpUrl}/models`);
      await customer.getByText('This screen is not part of the customer role.').waitFor();
      await customer.context().close();
    }, 90_000);

    it('refuses a wrong password with a clear message', async () => {
      const p = await signInAs('olga', 'not-the-password');
      await p.getByRole('alert').getByText('Not signed in: wrong user name or password').waitFor();
      await p.context().close();
    }, 30_000);

    it('shows the service screens: KPIs, partners, parts forecast, rules, plans, webhooks, users', async () => {
      const p = await (
        await browser.newContext({ viewport: { width: 1280, height: 860 } })
      ).newPage();
      await p.goto(`${platform.httpUrl}/`);
      await p.getByLabel('API token').fill(token);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('heading', { name: 'Fleet', exact: true }).waitFor();
      // A new rule (disabled: it must raise no orders here): the API's 400 lands on its field.
      await p.getByRole('navigation').getByRole('link', { name: 'Rules', exact: true }).click();
      await p.getByRole('button', { name: 'New rule' }).click();
      const rule = p.getByRole('form', { name: 'New rule' });
      const box = (name: string | RegExp) =>
        rule.getByRole('textbox', { name, exact: typeof name === 'string' });
      await box('Rule').fill('E2E disabled rule');
      await box('Asset type').fill('turbofan');
      await box('Metric').fill('s11');
      await box(/^Limit/).fill('hot');
      await box('Component').fill('hpc-module');
      await rule.getByRole('checkbox', { name: 'Enabled' }).uncheck();
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await rule.locator('input[aria-invalid="true"]').waitFor();
      expect(await rule.locator('input[aria-invalid="true"]').count()).toBe(1);
      await box(/^Limit/).fill('48.5');
      await rule.getByRole('button', { name: 'Save rule' }).click();
      await p.getByRole('cell', { name: 'E2E disabled rule', exact: true }).waitFor();
      for (const [link, heading] of [
        ['KPIs', 'Service KPIs'],
        ['Customers', 'Customers'],
        ['Service network', 'Service network'],
        ['Partners', 'Partners and technicians'],
        ['Parts', 'Spare parts forecast'],
        ['Rules', 'Rules'],
        ['Plans', 'Maintenance plans'],
        ['Webhooks', 'Webhooks'],
        ['Users', 'Users'],
      ] as const) {
        await p.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
        await p.getByRole('heading', { name: heading, exact: true }).waitFor();
        await p.locator('.state-loading').waitFor({ state: 'detached' });
        await expectAccessibleOn(p, link);
        await screenshot(p, `screen-${link.toLowerCase().replace(/ /g, '-')}`);
      }
      await p.getByRole('cell', { name: 'olga', exact: true }).waitFor();
      // A partner added on the partners screen is listed (no skills: no rule assigns it work).
      await p.getByRole('navigation').getByRole('link', { name: 'Partners', exact: true }).click();
      const add = p.getByRole('form', { name: 'Add a partner' });
      await add.getByLabel('Id').fill('e2e-added-partner');
      await add.getByLabel('Name').fill('E2E Added Partner');
      await add.getByLabel('Regions (comma-separated)').fill('e2e-nowhere, e2e-elsewhere');
      await add.getByRole('button', { name: 'Add a partner' }).click();
      await p
        .locator('tr[data-partner-id="e2e-added-partner"]')
        .getByText('e2e-nowhere, e2e-elsewhere')
        .waitFor();
      await p.context().close();
    }, 90_000);

    it('changes a password on the account screen; the new one signs in', async () => {
      const p = await signInAs('anna');
      await p.getByRole('heading', { name: 'Contracts', exact: true }).waitFor();
      await p.getByRole('link', { name: 'Signed in as anna (account-manager)' }).click();
      await p.getByLabel('Current password').fill(PASSWORD);
      await p.getByLabel('New password (at least 10 characters)').fill('anna-new-secret-1');
      await p.getByLabel('New password again').fill('anna-new-secret-1');
      await p.getByRole('button', { name: 'Change password' }).click();
      await p.getByText('Password changed. Your other sessions have ended.').waitFor();
      await expectAccessibleOn(p, 'account');
      await p.context().close();
      const again = await signInAs('anna', 'anna-new-secret-1');
      await again.getByRole('heading', { name: 'Contracts', exact: true }).waitFor();
      await again.context().close();
    }, 60_000);

    it("announces a customer's new order live on the orders screen", async () => {
      const p = await signInAs('cleo');
      await p.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
      await p.getByText('Live', { exact: true }).waitFor();
      const assetId = 'e2e-console-live-order';
      await api('/api/devices', {
        method: 'POST',
        body: { id: assetId, type: 'turbofan', tenantId: scored.tenantId },
      });
      const order = await tasks().openIfNone(newOrder(scored.tenantId, assetId));
      await p.getByText(/new orders arrived\./).waitFor({ timeout: 20_000 });
      await screenshot(p, 'orders-live');
      await p.getByRole('button', { name: 'Show them' }).click();
      await p.locator(`tr[data-task-id="${order?.id}"]`).waitFor();
      await p.context().close();
    }, 60_000);

    /** A new order for a new asset of the scored tenant (not one the simulator closes). */
    const orderFor = async (assetId: string): Promise<string> => {
      await api('/api/devices', {
        method: 'POST',
        body: { id: assetId, type: 'turbofan', tenantId: scored.tenantId },
      });
      // With its asset type, so completing it finds the type's failure codes.
      const order = { ...newOrder(scored.tenantId, assetId), assetType: 'turbofan' };
      return (await tasks().openIfNone(order))?.id as string;
    };
    const postAs = async (bearer: string, path: string, body: unknown) =>
      (
        await fetch(`${platform.httpUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;

    it('asks a customer the NPS question once on a completed order', async () => {
      const assetId = 'e2e-console-nps-order';
      const id = await orderFor(assetId);
      for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS'])
        await api(`/api/tasks/${id}`, { method: 'PATCH', body: { status } });
      const report = {
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        failureCode: 'HPC-MODULE-REPLACED',
        parts: [],
        labourHours: 2,
      };
      await api(`/api/tasks/${id}`, { method: 'PATCH', body: { status: 'DONE', report } });
      const p = await signInAs('cleo');
      await p.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
      // The select's name includes its value ("Status All"), so not an exact match.
      await p.getByLabel('Status').selectOption('DONE');
      const work = p
        .locator(`tr[data-task-id="${id}"]`)
        .getByRole('button', { name: `Work order ${assetId} hpc-module` });
      await work.click();
      const question = p.getByRole('form', { name: 'How did we do?' });
      await question.getByRole('radio', { name: '9', exact: true }).check();
      await question.getByLabel('Comment (optional)').fill('Quick and clean.');
      await expectAccessibleOn(p, 'orders-nps');
      await screenshot(p, 'orders-nps-question');
      await question.getByRole('button', { name: 'Send answer' }).click();
      await p.getByText('Thank you: your answer was recorded.').waitFor();
      // Not asked again in this tab, and the API takes no second answer.
      await p.getByRole('button', { name: 'Back' }).click();
      await work.click();
      await p.getByRole('heading', { name: `Work order ${assetId} hpc-module` }).waitFor();
      expect(await p.getByRole('form', { name: 'How did we do?' }).count()).toBe(0);
      expect(await postAs(users.cleo.token, '/api/nps', { taskId: id, score: 3 })).toBe(409);
      const to = new Date(Date.now() + 60_000).toISOString();
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const nps = await api<{ byTenant: Array<{ tenantId: string; answers: number }> }>(
        `/api/nps?from=${from}&to=${to}`,
      );
      expect(nps.byTenant).toEqual([
        expect.objectContaining({ tenantId: scored.tenantId, answers: 1 }),
      ]);
      await p.context().close();
    }, 60_000);

    it("shows the account manager's customers (health, churn, RFM, NPS), touch calendar and segment rules", async () => {
      const p = await signInAs('amir');
      await p.getByRole('heading', { name: 'Contracts', exact: true }).waitFor();
      await p.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
      await p.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
      const row = p.locator(`tr[data-tenant-id="${scored.tenantId}"]`);
      await row.waitFor();
      // cleo's 9 in the previous case: one promoter.
      await p
        .getByTestId('nps-overall')
        .getByText(/^NPS 100 · answers: 1 ·/)
        .waitFor();
      await p.locator('.state-loading').waitFor({ state: 'detached' });
      await expectAccessibleOn(p, 'customers');
      await screenshot(p, 'customers');
      await row.getByRole('link', { name: scored.tenantId }).click();
      await p.getByRole('heading', { name: `Customer ${scored.tenantId}`, exact: true }).waitFor();
      await p.getByTestId('customer-health-score').waitFor();
      const components = p.getByRole('region', { name: 'Components of the health score' });
      for (const name of ['availability', 'risk', 'usage', 'orders', 'nps', 'silentDevices'])
        await components.locator(`tr[data-component="${name}"]`).waitFor();
      // cleo's answer (9) is an input of the nps component, shown with its fields.
      await components
        .locator('tr[data-component="nps"] dd')
        .getByText(/score 9\b/)
        .waitFor();
      await p.getByRole('heading', { name: 'Churn warnings' }).waitFor();
      await p.getByRole('heading', { name: 'RFM segment' }).waitFor();
      await p
        .getByTestId('rfm-segment')
        .or(p.getByText('No RFM figures for this customer.'))
        .waitFor();
      await p.locator('.state-loading').waitFor({ state: 'detached' });
      await expectAccessibleOn(p, 'customer-health');
      await screenshot(p, 'customer-health');
      await p.getByLabel('Language').selectOption('zh-CN');
      await p.getByRole('heading', { name: '客户健康度' }).waitFor();
      await screenshot(p, 'customer-health-zh');
      // The same session goes on to the touch calendar and the segments (one sign-in less).
      await p.getByLabel('语言').selectOption('en');
      await p.getByRole('navigation').getByRole('link', { name: 'Touch calendar' }).click();
      await p.getByRole('heading', { name: 'Touch calendar', exact: true }).waitFor();
      // The simulated assets were commissioned when the platform started: their welcome is due.
      const open = p.locator(
        `[data-group="overdue"] tr[data-touch-id^="ONBOARDING_WELCOME:${scored.id}:"]`,
      );
      const id = await open.getAttribute('data-touch-id');
      await p.locator('tr[data-stage="ONBOARDING"]').waitFor();
      await p.locator('.state-loading').waitFor({ state: 'detached' });
      await expectAccessibleOn(p, 'touches');
      await open.getByLabel(`Outcome of touch ${id}`).selectOption('NO_RESPONSE');
      await open.getByLabel(`Note on touch ${id}`).fill('voicemail');
      await open.getByRole('button', { name: 'Record' }).click();
      // Recorded, it leaves the overdue list for the recorded one, with its outcome.
      await p
        .locator(`[data-group="recorded"] tr[data-touch-id="${id}"]`)
        .getByText(/^No response by .+ · voicemail$/)
        .waitFor();
      await screenshot(p, 'touches');

      await p.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
      await p.getByRole('heading', { name: 'RFM segments', exact: true }).waitFor();
      const rMin = p.getByLabel('Rule 1: lowest R score');
      const kept = await rMin.inputValue();
      await rMin.fill('9');
      await p.getByRole('button', { name: 'Save rules' }).click();
      // The API's refusal, shown on the rule it names.
      await p
        .locator('tr.row-error')
        .getByText('Rule 1 not accepted: rules[0].when.r: min and max are scores 1-5')
        .waitFor();
      expect(await rMin.getAttribute('aria-invalid')).toBe('true');
      await expectAccessibleOn(p, 'segments');
      await screenshot(p, 'segments');
      await rMin.fill(kept);
      await p.getByRole('button', { name: 'Save rules' }).click();
      await p.getByText('Rules saved; the segments are recomputed with them.').waitFor();
      await p.context().close();
    }, 120_000);

    it("shows the account manager's portfolio as the value matrix and changes its thresholds", async () => {
      // Revenue counts billing periods that have ended: the demo contract's current month does
      // not, so a fleet contract of the scored tenant is billed for the month two months back.
      const CONTRACT = 'e2e-portfolio';
      const now = new Date();
      const period = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
      await api('/api/contracts', {
        method: 'POST',
        body: {
          id: CONTRACT,
          name: 'E2E portfolio',
          tenantId: scored.tenantId,
          fleet: true,
          effectiveFrom: new Date(period.getTime() - 40 * 86_400_000).toISOString(),
          // Revenue is the minimum commitment alone (no hourly rate).
          terms: {
            tz: 'UTC',
            currency: 'EUR',
            ratePerHour: '0.00',
            slaTarget: '0.99',
            minimumCommitment: '5000.00',
            heartbeatTimeoutSeconds: 30 * 86_400,
            maxUnknownFraction: '1',
            lookbackPeriods: 120,
          },
        },
      });
      const run = await api<{ record: { total: string } }>(
        `/api/contracts/${CONTRACT}/billing-runs`,
        { method: 'POST', body: { period: period.toISOString().slice(0, 7) } },
      );
      expect(run.record.total).toBe('5000.00');
      type Matrix = {
        items: Array<{ contractId: string; tenantId: string; quadrant: string }>;
        customers: Array<{ tenantId: string }>;
        thresholds: { customerValue: number; marginPct: number };
      };
      let placed: Matrix['items'][number] | undefined;
      await waitFor(
        async () => {
          placed = (await api<Matrix>('/api/portfolio/matrix')).items.find(
            (i) => i.contractId === CONTRACT,
          );
          return placed !== undefined;
        },
        { timeoutMs: 30_000, intervalMs: 500, what: `${CONTRACT} placed in the value matrix` },
      );
      const p = await signInAs('amir');
      await p.getByRole('heading', { name: 'Contracts', exact: true }).waitFor();
      await p.getByRole('navigation').getByRole('link', { name: 'Portfolio', exact: true }).click();
      await p.getByRole('heading', { name: 'Portfolio', exact: true }).waitFor();
      const chart = p.getByTestId('value-matrix-chart');
      await chart.waitFor();
      expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
      // The table carries the chart's data. No order cost falls on the tenant, so the margin is
      // 100 % (high); the customer value moves with the live fleet's health and may cross its
      // threshold between reads, so either high-margin quadrant is right.
      await p
        .locator(
          ['GROWTH_ENGINE', 'PROFIT_EXTRACTOR']
            .map((q) => `section[data-quadrant="${q}"] tr[data-contract-id="${CONTRACT}"]`)
            .join(', '),
        )
        .waitFor();
      await p
        .getByRole('region', { name: 'Customers (revenue-weighted)' })
        .locator(`tr[data-tenant-id="${placed?.tenantId}"]`)
        .waitFor();
      await p.locator('.state-loading').waitFor({ state: 'detached' });
      await expectAccessibleOn(p, 'portfolio');
      await screenshot(p, 'portfolio');
      const form = p.getByRole('form', { name: 'Thresholds' });
      await form.getByLabel('Customer value from (0-100)').fill('101');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form
        .getByRole('alert')
        .getByText(/^Not saved: thresholds\.customerValue/)
        .waitFor();
      await form.getByLabel('Customer value from (0-100)').fill('55');
      await form.getByLabel('Service margin from (%, -1000 to 100)').fill('15');
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await form.getByText('Thresholds saved.').waitFor();
      expect((await api<Matrix>('/api/portfolio/matrix')).thresholds).toEqual({
        customerValue: 55,
        marginPct: 15,
      });
      await p.getByLabel('Language').selectOption('zh-CN');
      await p.getByRole('heading', { name: '业务组合', exact: true }).waitFor();
      await screenshot(p, 'portfolio-zh');
      await p.context().close();
    }, 90_000);

    it('shows a partner only its assigned orders and its own service figures', async () => {
      const assigned = await orderFor('e2e-console-partner-order');
      const other = await orderFor('e2e-console-unassigned-order');
      const now = Date.now();
      await api(`/api/tasks/${assigned}/assignment`, {
        method: 'POST',
        body: {
          mode: 'HAND',
          region: 'north',
          plannedAt: new Date(now + 3_600_000).toISOString(),
          partnerId: PARTNER,
          technicianId: 'e2e-tess',
        },
      });
      await api(`/api/tasks/${assigned}/visits`, {
        method: 'POST',
        body: {
          technicianId: 'e2e-tess',
          // After the order was raised (a response time is arrival minus creation).
          arrivedAt: new Date(now).toISOString(),
          outcome: 'FIXED',
        },
      });
      const p = await signInAs('pia');
      await p.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
      expect(await navLinks(p)).toEqual(['Orders', 'Fleet', 'Service network', 'Case library']);
      await p.locator(`tr[data-task-id="${assigned}"]`).waitFor();
      expect(await p.locator('tr[data-task-id]').count()).toBe(1);
      expect(await p.locator(`tr[data-task-id="${other}"]`).count()).toBe(0);
      await expectAccessibleOn(p, 'partner-orders');
      await screenshot(p, 'home-pia');
      await p.getByRole('navigation').getByRole('link', { name: 'Service network' }).click();
      await p.getByRole('heading', { name: 'Service network', exact: true }).waitFor();
      const byPartner = p.getByRole('region', { name: 'Orders by partner' });
      await byPartner.getByRole('rowheader', { name: PARTNER }).waitFor();
      await p
        .getByTestId('network-ftf')
        .getByText(/^100 %/)
        .waitFor();
      await expectAccessibleOn(p, 'partner-network');
      await screenshot(p, 'partner-network');
      // The case library, anonymised for partners (its content is checked by the API's specs).
      await p.getByRole('navigation').getByRole('link', { name: 'Case library' }).click();
      await p.getByRole('heading', { name: 'Case library', exact: true }).waitFor();
      await p.getByRole('search', { name: 'Search cases' }).waitFor();
      await expectAccessibleOn(p, 'partner-cases');
      await p.goto(`${platform.httpUrl}/customers`);
      await p.getByText('This screen is not part of the partner role.').waitFor();
      await p.context().close();
    }, 90_000);
  });
});
