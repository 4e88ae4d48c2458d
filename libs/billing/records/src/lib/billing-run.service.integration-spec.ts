import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRunService } from './billing-run.service';
import { at, seedContract, seedStates } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';

const JUNE_END = '2026-07-01T00:00:00Z';

async function counts(
  db: SqlDatabase,
  contractId: string,
): Promise<{ runs: number; intervals: number }> {
  const [r] = await db.query<{ runs: number; intervals: number }>(
    `select (select count(*)::int from billing_runs where contract_id = $1) as runs,
            (select count(*)::int from billing_run_intervals where contract_id = $1) as intervals`,
    [contractId],
  );
  return { runs: Number(r.runs), intervals: Number(r.intervals) };
}

forEachSqlBackend(BillingRunService.name, (db: () => SqlDatabase) => {
  const sut = () => new BillingRunService(db(), new BillingStores(db()));
  const rate = (
    contractId: string,
    period: string,
    now: string,
    opts: { approvedBy?: string } = {},
  ) => sut().rate(PROVIDER_SCOPE, contractId, period, { nowMs: at(now), ...opts });

  it('returns the stored run and writes nothing when the inputs are identical', async () => {
    const { contractId, assetId } = await seedContract(db(), 'same');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z');
    const first = await rate(contractId, '2026-06', '2026-06-20T12:00:00Z');
    expect(first).toMatchObject({
      written: true,
      run: { revision: 1, status: 'DRAFT', changes: 'first run' },
    });
    const before = await counts(db(), contractId);
    expect(before.runs).toBe(1);
    expect(before.intervals).toBeGreaterThan(0);
    const again = await rate(contractId, '2026-06', '2026-06-20T12:00:00Z');
    const sameMinute = await rate(contractId, '2026-06', '2026-06-20T12:00:59Z');
    expect(again).toEqual({ written: false, run: first.run });
    expect(sameMinute).toEqual({ written: false, run: first.run });
    expect(await counts(db(), contractId)).toEqual(before);
    // An open period is rated to date: RUN until the heartbeat timeout after the last message, then unknown.
    expect(first.run.inputs.ratedTo).toBe('2026-06-20T12:00:00.000Z');
    expect(first.run.figures.seconds.RUN).toBe(String((19 * 24 + 0.5) * 3600));
    expect(first.run.figures.seconds.UNKNOWN).toBe(String(11.5 * 3600));
    const later = await rate(contractId, '2026-06', '2026-06-25T00:00:00Z');
    expect(later.run).toMatchObject({
      revision: 2,
      changes: 'vs revision 1: rated to 2026-06-25T00:00:00.000Z',
    });
    await expect(
      sut().rate(tenantScope('other'), contractId, '2026-06', {
        nowMs: at('2026-06-25T00:00:00Z'),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('makes a new draft from late data in the grace period, keeping microseconds in the interval table', async () => {
    const { contractId, assetId } = await seedContract(db(), 'grace');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T10:00:00Z');
    await seedStates(db(), assetId, 'RUN', '2026-06-10T15:00:00Z', JUNE_END);
    const first = await rate(contractId, '2026-06', '2026-07-01T12:00:00Z');
    expect(first.run).toMatchObject({ revision: 1, status: 'DRAFT' });
    await db().query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
       values ($1, 'acme', '2026-06-10T10:00:00.123456Z', 'STATE', 'FAULT', '2026-07-02T00:00:00Z')`,
      [assetId],
    );
    const second = await rate(contractId, '2026-06', '2026-07-02T12:00:00Z');
    expect(second).toMatchObject({
      written: true,
      run: { revision: 2, status: 'DRAFT', adjustment: null },
    });
    expect(second.run.changes).toMatch(
      /^vs revision 1: grace-asset: \d+ -> \d+ events; availability 100\.000 % -> 99\.8\d\d %/,
    );
    const stores = new BillingStores(db());
    expect(
      (await stores.runs.revisions(PROVIDER_SCOPE, contractId, '2026-06')).map((r) => r.status),
    ).toEqual(['DRAFT', 'SUPERSEDED']);
    expect(await stores.runs.intervals(PROVIDER_SCOPE, contractId, '2026-06', 1)).toEqual([]);
    const outage = (await stores.runs.intervals(PROVIDER_SCOPE, contractId, '2026-06', 2)).filter(
      (i) => i.category === 'FORCED_OUTAGE',
    );
    expect(outage).toEqual([
      expect.objectContaining({
        start: '2026-06-10T10:00:00.123456Z',
        end: '2026-06-10T11:00:00.123456Z',
        seconds: '3600',
        baseState: 'FAULT',
      }),
    ]);
  });

  it('finalises after the grace period, then issues a credit note for late data and records closed periods without effect', async () => {
    const { contractId, assetId } = await seedContract(db(), 'credit', {
      maxUnknownFraction: '0.5',
    });
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z');
    await seedStates(db(), assetId, 'RUN', '2026-06-18T00:00:00Z', JUNE_END);
    const issued = await rate(contractId, '2026-06', '2026-07-05T00:00:00Z');
    expect(issued.run).toMatchObject({
      revision: 1,
      status: 'FINALIZED',
      total: '52850.00',
      billableHours: '528.5',
      finalizedAt: '2026-07-05T00:00:00.000Z',
    });
    await seedStates(db(), assetId, 'FAULT', '2026-06-10T00:00:00Z', '2026-06-18T00:00:00Z', {
      receivedAt: '2026-07-06T00:00:00Z',
    });
    const revised = await rate(contractId, '2026-06', '2026-07-06T12:00:00Z');
    expect(revised.run).toMatchObject({
      revision: 2,
      status: 'FINALIZED',
      total: '47520.00',
      adjustment: { kind: 'CREDIT_NOTE', amount: '-5330', againstRevision: 1, targetPeriod: null },
    });
    expect(revised.run.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', '52800.00'],
      ['SLA_CREDIT', '-5280.00'],
    ]);
    // Revision 1 stays as it was issued.
    const stores = new BillingStores(db());
    expect((await stores.runs.revisions(PROVIDER_SCOPE, contractId, '2026-06'))[1]).toMatchObject({
      revision: 1,
      status: 'FINALIZED',
      total: '52850.00',
    });
    await db().query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at) values ($1, 'acme', '2026-06-10T00:10:00Z', 'STATE', 'RUN', '2026-09-01T00:00:00Z')`,
      [assetId],
    );
    const closed = await rate(contractId, '2026-06', '2026-09-05T00:00:00Z');
    expect(closed.run).toMatchObject({
      revision: 3,
      status: 'CLOSED_LATE',
      adjustment: { kind: 'NO_FINANCIAL_EFFECT', againstRevision: 2 },
    });
  });

  it('issues a positive difference as a prior-period adjustment on the next record', async () => {
    const { contractId, assetId } = await seedContract(db(), 'late-run', {
      maxUnknownFraction: '0.5',
    });
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z');
    await seedStates(db(), assetId, 'RUN', '2026-06-18T00:00:00Z', JUNE_END);
    expect((await rate(contractId, '2026-06', '2026-07-05T00:00:00Z')).run.total).toBe('52850.00');
    await seedStates(db(), assetId, 'RUN', '2026-06-10T00:00:00Z', '2026-06-18T00:00:00Z', {
      receivedAt: '2026-07-06T00:00:00Z',
    });
    const revised = await rate(contractId, '2026-06', '2026-07-06T12:00:00Z');
    expect(revised.run).toMatchObject({
      revision: 2,
      status: 'FINALIZED',
      total: '72000.00',
      adjustment: { kind: 'PRIOR_PERIOD_ADJUSTMENT', amount: '19150', targetPeriod: '2026-07' },
    });
    const july = await rate(contractId, '2026-07', '2026-07-06T12:00:00Z');
    expect(july.run.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', '50.00'],
      ['PRIOR_PERIOD_ADJUSTMENT', '19150.00'],
    ]);
    expect(july.run).toMatchObject({
      status: 'DRAFT',
      total: '19200.00',
      inputs: { appliedAdjustments: [{ period: '2026-06', revision: 2, amount: '19150' }] },
    });
    expect((await rate(contractId, '2026-07', '2026-07-06T12:00:30Z')).written).toBe(false);
  });

  it('notes a difference below the materiality threshold without invoicing it', async () => {
    const { contractId, assetId } = await seedContract(db(), 'note', {
      materialityThreshold: '100',
    });
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z');
    await seedStates(db(), assetId, 'RUN', '2026-06-10T02:00:00Z', JUNE_END);
    expect((await rate(contractId, '2026-06', '2026-07-05T00:00:00Z')).run.total).toBe('71850.00');
    await db().query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at) values ($1, 'acme', '2026-06-10T01:30:00Z', 'STATE', 'RUN', '2026-07-06T00:00:00Z')`,
      [assetId],
    );
    const revised = await rate(contractId, '2026-06', '2026-07-06T12:00:00Z');
    expect(revised.run).toMatchObject({
      revision: 2,
      status: 'FINALIZED',
      total: '71900.00',
      adjustment: { kind: 'NOTE', amount: '50', againstRevision: 1 },
    });
    expect(revised.run.lines.some((l) => l.kind === 'PRIOR_PERIOD_ADJUSTMENT')).toBe(false);
  });

  it('keeps a period with review reasons a draft until someone approves it', async () => {
    const { contractId, assetId } = await seedContract(db(), 'review');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z');
    await seedStates(db(), assetId, 'RUN', '2026-06-13T00:00:00Z', JUNE_END);
    const due = await rate(contractId, '2026-06', '2026-07-05T00:00:00Z');
    expect(due.run).toMatchObject({ revision: 1, status: 'DRAFT', finalizedAt: null });
    expect(due.run.review.reasons).toEqual([
      expect.stringMatching(/^unknown time 9\.93 % is above 5 %$/),
    ]);
    expect(await rate(contractId, '2026-06', '2026-07-20T00:00:00Z')).toEqual({
      written: false,
      run: due.run,
    });
    await expect(
      rate(contractId, '2026-07', '2026-07-20T00:00:00Z', { approvedBy: 'alice' }),
    ).rejects.toMatchObject({ code: 'CONTRACT_CONFLICT' });
    const approved = await rate(contractId, '2026-06', '2026-07-21T00:00:00Z', {
      approvedBy: 'alice',
    });
    expect(approved).toMatchObject({
      written: true,
      run: { revision: 1, status: 'FINALIZED', review: { approvedBy: 'alice' } },
    });
    const audit = await new BillingStores(db()).audit.list(PROVIDER_SCOPE, contractId);
    expect(audit[0]).toMatchObject({
      actor: 'alice',
      action: 'APPROVE',
      detail: { period: '2026-06', revision: 1, status: 'FINALIZED' },
    });
  });
  it('rates the previous and the current period of every contract in a billing round', async () => {
    const { contractId, assetId } = await seedContract(db(), 'round');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-07-02T00:00:00Z');
    const round = new BillingRunService(db(), new BillingStores(db()), {
      now: () => at('2026-07-02T00:00:00Z'),
    });
    expect(await round.runAll()).toBeGreaterThanOrEqual(2);
    const stores = new BillingStores(db());
    expect(
      (await stores.runs.latestPerPeriod(PROVIDER_SCOPE, contractId)).map((r) => [
        r.period,
        r.status,
        r.billableHours,
      ]),
    ).toEqual([
      ['2026-07', 'DRAFT', '24'],
      ['2026-06', 'DRAFT', '720'],
    ]);
    const before = await counts(db(), contractId);
    const quiet = new BillingStores(db());
    const reads = jest.spyOn(quiet.periodEvents, 'read');
    await new BillingRunService(db(), quiet, { now: () => at('2026-07-02T00:00:00Z') }).runAll();
    expect(await counts(db(), contractId)).toEqual(before);
    // Nothing new for this contract: the round did not even read its events.
    expect(reads.mock.calls.filter((c) => c[1].includes(assetId))).toEqual([]);
    // New data for the open period: rated, then held back by the time budget of open periods.
    const heartbeat = (t: string) =>
      db().query(
        `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at) values ($1, 'acme', $2, 'HEARTBEAT', 'RUN', $2)`,
        [assetId, t],
      );
    const budgeted = new BillingRunService(db(), quiet, {
      now: () => at('2026-07-02T00:00:00Z'),
      openPeriodTimeShare: 1e-9,
    });
    await heartbeat('2026-07-01T23:59:30Z');
    await budgeted.runAll();
    expect(reads.mock.calls.filter((c) => c[1].includes(assetId))).toHaveLength(1);
    await heartbeat('2026-07-01T23:59:40Z');
    await budgeted.runAll();
    expect(reads.mock.calls.filter((c) => c[1].includes(assetId))).toHaveLength(1);
    // Late data in June's grace period is picked up by the next round; after the grace period the draft is issued.
    await db().query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at) values ($1, 'acme', '2026-06-10T00:15:00Z', 'STATE', 'FAULT', '2026-07-02T00:00:00Z')`,
      [assetId],
    );
    const later = new BillingRunService(db(), new BillingStores(db()), {
      now: () => at('2026-07-02T00:00:01Z'),
    });
    await later.runAll();
    expect(await stores.runs.latest(PROVIDER_SCOPE, contractId, '2026-06')).toMatchObject({
      revision: 2,
      status: 'DRAFT',
    });
    await new BillingRunService(db(), new BillingStores(db()), {
      now: () => at('2026-07-04T00:00:01Z'),
    }).runAll();
    expect(await stores.runs.latest(PROVIDER_SCOPE, contractId, '2026-06')).toMatchObject({
      revision: 2,
      status: 'FINALIZED',
    });
  });

  it('rates two contracts at once in a round, each contract period after period', async () => {
    const seeded = [];
    for (const name of ['par-a', 'par-b', 'par-c']) {
      const c = await seedContract(db(), name);
      await seedStates(db(), c.assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-07-02T00:00:00Z');
      seeded.push(c.contractId);
    }
    const round = new BillingRunService(db(), new BillingStores(db()), {
      now: () => at('2026-07-02T00:00:00Z'),
    });
    const rate = round.rate.bind(round);
    let inFlight = 0;
    let most = 0;
    const calls: string[] = [];
    jest.spyOn(round, 'rate').mockImplementation(async (scope, contractId, period, opts) => {
      calls.push(`${contractId} ${period}`);
      most = Math.max(most, ++inFlight);
      try {
        return await rate(scope, contractId, period, opts);
      } finally {
        inFlight--;
      }
    });
    await round.runAll();
    expect(most).toBe(2);
    for (const id of seeded) {
      expect(calls.filter((c) => c.startsWith(`${id} `))).toEqual([
        `${id} 2026-06`,
        `${id} 2026-07`,
      ]);
      const runs = await new BillingStores(db()).runs.latestPerPeriod(PROVIDER_SCOPE, id);
      expect(runs.map((r) => [r.period, r.billableHours])).toEqual([
        ['2026-07', '24'],
        ['2026-06', '720'],
      ]);
    }
  });
});
