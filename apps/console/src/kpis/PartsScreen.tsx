import { useState } from 'react';
import { useRouteGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';

const HORIZONS = [30, 60, 90] as const;

/** Spare-parts demand over the next 30/60/90 days: expected count and its 90 % interval per part. */
export default function PartsScreen() {
  const { t, formatNumber } = useI18n();
  const [horizon, setHorizon] = useState<(typeof HORIZONS)[number]>(30);
  const [forecast, reload] = useRouteGet('GET /api/parts/forecast', {}, { horizonDays: horizon });
  return (
    <section aria-labelledby="parts-title">
      <h1 id="parts-title">{t('parts.title')}</h1>
      <fieldset className="segmented">
        <legend>{t('parts.horizon')}</legend>
        {HORIZONS.map((h) => (
          <button key={h} type="button" aria-pressed={h === horizon} onClick={() => setHorizon(h)}>
            {t('kpi.days', { days: h })}
          </button>
        ))}
      </fieldset>
      <AsyncState loadable={forecast} onRetry={reload}>
        {(f) =>
          f.items.length === 0 ? (
            <Empty>{t('parts.none')}</Empty>
          ) : (
            <table>
              <caption>{t('parts.caption', { days: f.horizonDays, level: f.level * 100 })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('parts.part')}</th>
                  <th scope="col">{t('parts.expected')}</th>
                  <th scope="col">{t('parts.interval')}</th>
                </tr>
              </thead>
              <tbody>
                {f.items.map((p) => (
                  <tr key={p.partNumber}>
                    <td className="mono">{p.partNumber}</td>
                    <td>{formatNumber(p.expected, 2)}</td>
                    <td>
                      {formatNumber(p.low, 0)}–{formatNumber(p.high, 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncState>
    </section>
  );
}
