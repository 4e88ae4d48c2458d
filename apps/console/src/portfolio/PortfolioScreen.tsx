import type { MatrixContractResponse, ValueMatrixResponse } from '@hourglass/contracts-api';
import { useMemo } from 'react';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { QUADRANTS, type MatrixChartLabels } from './portfolio-view';
import { CustomerPlaces, QuadrantTables, UnplacedContracts } from './QuadrantTables';
import { ThresholdForm } from './ThresholdForm';
import { ValueMatrixChart } from './ValueMatrixChart';

/** The chart's words in the current language. */
function useChartLabels(): MatrixChartLabels {
  const { t, formatNumber } = useI18n();
  return useMemo(
    () => ({
      xAxis: t('portfolio.axis.margin'),
      yAxis: t('portfolio.axis.customerValue'),
      quadrant: Object.fromEntries(
        QUADRANTS.map((q) => [q, t(`portfolio.quadrant.${q}`)]),
      ) as MatrixChartLabels['quadrant'],
      tooltip: (i: MatrixContractResponse) =>
        t('portfolio.tooltip', {
          contract: i.contractId,
          customer: i.tenantId,
          customerValue: formatNumber(i.customerValue, 1),
          margin: formatNumber(i.commercialValue, 1),
          move: i.move,
        }),
    }),
    [t, formatNumber],
  );
}

function Matrix({ matrix, reload }: { matrix: ValueMatrixResponse; reload(): void }) {
  const { t, formatDate } = useI18n();
  const labels = useChartLabels();
  return (
    <>
      <p className="help">
        {t('portfolio.window', { from: formatDate(matrix.from), asOf: formatDate(matrix.asOf) })}
      </p>
      {matrix.items.length === 0 ? (
        <Empty>{t('portfolio.none')}</Empty>
      ) : (
        <ValueMatrixChart
          items={matrix.items}
          thresholds={matrix.thresholds}
          labels={labels}
          label={t('portfolio.chart', { count: matrix.items.length })}
        />
      )}
      <h2>{t('portfolio.byQuadrant')}</h2>
      <QuadrantTables items={matrix.items} />
      <h2>{t('portfolio.customers')}</h2>
      <CustomerPlaces customers={matrix.customers} />
      <h2>{t('portfolio.unplaced')}</h2>
      <UnplacedContracts unplaced={matrix.unplaced} />
      <ThresholdForm thresholds={matrix.thresholds} onSaved={reload} />
    </>
  );
}

/** The account manager's portfolio as the strategic value matrix (customer success, section 8). */
export default function PortfolioScreen() {
  const { t } = useI18n();
  const [matrix, reload] = useApiGet<ValueMatrixResponse>('/api/portfolio/matrix');
  return (
    <section aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">{t('portfolio.title')}</h1>
      <AsyncState loadable={matrix} onRetry={reload}>
        {(m) => <Matrix matrix={m} reload={reload} />}
      </AsyncState>
    </section>
  );
}
