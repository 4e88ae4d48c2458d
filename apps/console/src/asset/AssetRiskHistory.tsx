import { useMemo, useState } from 'react';
import type { AssetScoreHistoryResponse, TaskResponse } from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { TimeSeriesChart } from '../components/TimeSeriesChart';
import { useI18n } from '../i18n/I18nProvider';
import {
  SCORE_RANGES,
  orderMarks,
  scoreSeries,
  scoresPath,
  type ScoreRangeKey,
} from './risk-history-view';

/** Risk and RUL over time (`GET /api/assets/{id}/scores`), the asset's orders marked where raised. */
export function AssetRiskHistory({
  assetId,
  orders,
}: {
  assetId: string;
  orders: readonly TaskResponse[];
}) {
  const { t } = useI18n();
  const [range, setRange] = useState<ScoreRangeKey>('30d');
  // The range ends when it was chosen; choosing again refreshes it.
  const [nowMs, setNowMs] = useState(() => Date.now());
  const [history, reload] = useApiGet<AssetScoreHistoryResponse>(scoresPath(assetId, range, nowMs));
  const lines = useMemo(
    () =>
      history.status === 'ready'
        ? scoreSeries(history.data.items, { risk: t('asset.riskLine'), rul: t('asset.rulLine') })
        : null,
    [history, t],
  );
  const marks = useMemo(
    () =>
      history.status === 'ready'
        ? orderMarks(orders, Date.parse(history.data.from), Date.parse(history.data.to))
        : [],
    [history, orders],
  );
  return (
    <section aria-labelledby="risk-history-title">
      <h2 id="risk-history-title">{t('asset.riskHistory')}</h2>
      <div role="group" aria-label={t('asset.riskRange')} className="ranges">
        {SCORE_RANGES.map((r) => (
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
      <AsyncState loadable={history} onRetry={reload}>
        {(data) =>
          data.items.length === 0 || !lines ? (
            <Empty>{t('asset.noScores')}</Empty>
          ) : (
            <>
              <p className="help" data-testid="risk-history-resolution">
                {t('asset.scoreResolution', {
                  resolution: data.resolution,
                  points: data.items.length,
                  orders: marks.length,
                })}
              </p>
              <TimeSeriesChart
                series={lines.risk}
                marks={marks}
                height={240}
                label={`${t('asset.riskLine')} ${assetId}`}
              />
              <TimeSeriesChart
                series={lines.rul}
                marks={marks}
                height={240}
                label={`${t('asset.rulLine')} ${assetId}`}
              />
            </>
          )
        }
      </AsyncState>
    </section>
  );
}
