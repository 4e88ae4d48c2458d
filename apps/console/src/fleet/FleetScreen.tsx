import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import type { AssetResponse, AssetStateEvent } from '@hourglass/contracts-api';
import { useLiveEvents } from '../api/LiveUpdates';
import type { Me } from '../api/types';
import { useAllPages } from '../api/use-paged';
import { AsyncState, Empty } from '../components/AsyncState';
import { WindowedList } from '../components/WindowedList';
import type { MessageKey } from '../i18n/messages-en';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { canProvision } from '../devices/device-provisioning';
import { FleetFilters } from './FleetFilters';
import {
  EMPTY_FILTER,
  filterAssets,
  idRanks,
  withLiveState,
  nextSort,
  sortAssets,
  statesOf,
  type FleetSort,
  type FleetSortKey,
} from './fleet-view';

const COLUMNS: Array<{ key: FleetSortKey; label: MessageKey }> = [
  { key: 'id', label: 'fleet.col.id' },
  { key: 'type', label: 'fleet.col.type' },
  { key: 'state', label: 'fleet.col.state' },
  { key: 'connection', label: 'fleet.col.connection' },
  { key: 'lastSeen', label: 'fleet.col.lastSeen' },
  { key: 'risk', label: 'fleet.col.risk' },
  { key: 'rul', label: 'fleet.col.rul' },
  { key: 'model', label: 'fleet.col.model' },
];
const ROW_HEIGHT = 36;
// Only provisioning roles load the panel's code.
const ProvisionDevicePanel = lazy(() =>
  import('../devices/ProvisionDevicePanel').then((m) => ({ default: m.ProvisionDevicePanel })),
);

function SortHeader({ sort, onSort }: { sort: FleetSort; onSort(key: FleetSortKey): void }) {
  const { t } = useI18n();
  return (
    <div role="row" aria-rowindex={1} className="windowed-row fleet-cols">
      {COLUMNS.map((c) => (
        <div
          key={c.key}
          role="columnheader"
          aria-sort={
            sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
          }
        >
          <button
            type="button"
            onClick={() => onSort(c.key)}
            title={t('fleet.sortBy', { column: t(c.label) })}
          >
            {t(c.label)}
            <span aria-hidden="true">
              {sort.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </span>
          </button>
        </div>
      ))}
    </div>
  );
}

function FleetRow({ asset }: { asset: AssetResponse }) {
  const { formatDate, formatNumber, t } = useI18n();
  const risk = asset.risk;
  return (
    <>
      <div role="cell">
        <Link href={`/assets/${encodeURIComponent(asset.id)}`}>{asset.id}</Link>
      </div>
      <div role="cell">{asset.type}</div>
      <div role="cell">
        <span className={`badge state-${(asset.state ?? 'none').toLowerCase()}`}>
          {asset.state ?? t('common.none')}
        </span>
      </div>
      <div
        role="cell"
        title={asset.connectionSince ? formatDate(asset.connectionSince) : undefined}
      >
        {asset.connection ? (
          <span className={`badge connection-${asset.connection.toLowerCase()}`}>
            {t(`fleet.connection.${asset.connection}`)}
          </span>
        ) : (
          t('common.none')
        )}
      </div>
      <div role="cell">{formatDate(asset.lastSeen)}</div>
      <div role="cell" className={risk && risk.probability >= 0.5 ? 'risk-high' : undefined}>
        {risk ? `${formatNumber(risk.probability * 100, 1)} %` : t('common.none')}
      </div>
      <div role="cell">{risk ? formatNumber(risk.rul, 0) : t('common.none')}</div>
      <div role="cell" className="mono">
        {risk?.modelVersion ?? t('common.none')}
      </div>
    </>
  );
}

function FleetTable({
  assets: loaded,
  live,
}: {
  assets: AssetResponse[];
  live: ReadonlyMap<string, AssetStateEvent>;
}) {
  const { t } = useI18n();
  const assets = useMemo(() => withLiveState(loaded, live), [loaded, live]);
  const ranks = useMemo(() => idRanks(loaded), [loaded]);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [sort, setSort] = useState<FleetSort>({ key: 'risk', direction: 'desc' });
  // Typing stays responsive: filtering 10,000 rows runs as a deferred render.
  const deferredFilter = useDeferredValue(filter);
  const states = useMemo(() => statesOf(assets), [assets]);
  const shown = useMemo(
    () => sortAssets(filterAssets(assets, deferredFilter), sort, ranks),
    [assets, deferredFilter, sort, ranks],
  );
  return (
    <>
      <FleetFilters filter={filter} states={states} onChange={setFilter} />
      <p className="count" aria-live="polite">
        {t('fleet.count', { shown: shown.length, total: assets.length })}
      </p>
      {shown.length === 0 ? (
        <Empty>{assets.length === 0 ? undefined : t('fleet.noMatch')}</Empty>
      ) : (
        <WindowedList
          items={shown}
          rowHeight={ROW_HEIGHT}
          height={Math.min(560, ROW_HEIGHT * shown.length + 2)}
          label={t('fleet.table')}
          header={<SortHeader sort={sort} onSort={(key) => setSort((s) => nextSort(s, key))} />}
          rowKey={(a) => a.id}
          rowClassName="fleet-cols"
          renderRow={(a) => <FleetRow asset={a} />}
        />
      )}
    </>
  );
}

/** The most assets the fleet screen reads (pages of 1,000). */
const FLEET_CAP = 20_000;

/**
 * Every asset with state, connection, last seen, risk, RUL and model: filterable, sortable, windowed; operators
 * provision devices here too.
 */
export default function FleetScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const [assets, loaded, reload] = useAllPages<AssetResponse>('/api/assets', FLEET_CAP);
  const [live, setLive] = useState<ReadonlyMap<string, AssetStateEvent>>(new Map());
  useLiveEvents((event) => {
    if (event.type === 'asset.state') setLive((m) => new Map(m).set(event.assetId, event));
  });
  return (
    <section aria-labelledby="fleet-title">
      <h1 id="fleet-title">{t('fleet.title')}</h1>
      {canProvision(me.role) && (
        <Suspense fallback={null}>
          <ProvisionDevicePanel onProvisioned={reload} />
        </Suspense>
      )}
      {assets.status === 'loading' && loaded > 0 ? (
        <p className="state state-loading" role="status" aria-live="polite">
          {t('fleet.loading', { loaded })}
        </p>
      ) : (
        <AsyncState loadable={assets} onRetry={reload}>
          {({ items, truncated }) => (
            <>
              {truncated && <p className="help">{t('fleet.truncated', { cap: FLEET_CAP })}</p>}
              {live.size > 0 && (
                <p className="help" role="status">
                  {t('fleet.liveChanged', { count: live.size })}
                </p>
              )}
              <FleetTable assets={items} live={live} />
            </>
          )}
        </AsyncState>
      )}
    </section>
  );
}
