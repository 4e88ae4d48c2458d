import { useMemo, useState } from 'react';
import type { AssetTelemetryResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import { useI18n } from '../i18n/I18nProvider';
import {
  RANGES,
  defaultMetrics,
  metricNames,
  telemetryRows,
  telemetryPath,
  toSeries,
  type RangeKey,
} from './telemetry-view';

/** Range buttons, metric choice and the zoomable chart of an asset's telemetry. */
export function AssetTelemetry({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState<RangeKey>('1h');
  const [known, setKnown] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  // The range ends when it was chosen; choosing again refreshes it.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [series, reload] = useApiGet<AssetTelemetryResponse>(
    telemetryPath(assetId, range, nowMs, chosen),
  );
  const rows = useMemo(
    () => (series.status === 'ready' ? telemetryRows(series.data.items) : []),
    [series],
  );
  if (series.status === 'ready' && known.length === 0) {
    const names = metricNames(rows);
    if (names.length) {
      setKnown(names);
      setChosen(defaultMetrics(names));
    }
  }
  const lines = useMemo(
    () =>
      series.status === 'ready'
        ? toSeries(rows, chosen.length ? chosen : defaultMetrics(metricNames(rows)))
        : [],
    [series, rows, chosen],
  );
  const toggle = (name: string) =>
    setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));
  return (
    <section aria-labelledby="telemetry-title">
      <h2 id="telemetry-title">{t('asset.telemetry')}</h2>
      <div role="group" aria-label={t('asset.range')} className="ranges">
        {(Object.keys(RANGES) as RangeKey[]).map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={r === range}
            onClick={() => {
              setRange(r);
              setNowMs(Date.now());
            }}
          >
            {t(`range.${r}`)}
          </button>
        ))}
      </div>
      {known.length > 0 && (
        <fieldset className="metrics">
          <legend>{t('asset.metrics')}</legend>
          {known.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={() => toggle(name)}
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <AsyncState loadable={series} onRetry={reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('asset.noTelemetry')}</Empty>
          ) : (
            <>
              <p className="help" data-testid="telemetry-resolution">
                {t('asset.resolution', { resolution: data.resolution, points: data.items.length })}
              </p>
              <TimeSeriesChart series={lines} label={`${t('asset.telemetry')} ${assetId}`} />
            </>
          )
        }
      </AsyncState>
    </section>
  );
}
