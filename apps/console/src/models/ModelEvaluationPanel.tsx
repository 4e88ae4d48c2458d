import { useMemo } from 'react';
import { ApiError } from '../api/api-client';
import type { ModelEvaluation, WarningPolicyView } from '../api/types';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { EvaluationChart } from './EvaluationChart';
import {
  backtestChartOptions,
  backtestRows,
  calibrationChartOptions,
  policyMarks,
  rowForThreshold,
  rulErrorChartOptions,
  type EvaluationChartLabels,
  type PolicyMark,
} from './evaluation-view';

function useChartLabels(): EvaluationChartLabels {
  const { t, formatNumber } = useI18n();
  return useMemo(
    () => ({
      threshold: t('evaluation.threshold'),
      medianLead: t('evaluation.medianLead'),
      p10Lead: t('evaluation.p10Lead'),
      falseWarnings: t('evaluation.falseWarnings'),
      policy: (m: PolicyMark) =>
        t('evaluation.policyMark', {
          types: m.assetTypes.join(', '),
          threshold: formatNumber(m.threshold, 2),
        }),
      trueRul: t('evaluation.trueRul'),
      rmse: t('evaluation.rmse'),
      bias: t('evaluation.bias'),
      predicted: t('evaluation.predicted'),
      observed: t('evaluation.observed'),
      perfect: t('evaluation.perfect'),
    }),
    [t, formatNumber],
  );
}

/** The threshold backtest: chart with the current policies marked, and its table. */
function Backtest({
  report,
  policies,
}: {
  report: ModelEvaluation;
  policies: WarningPolicyView[];
}) {
  const { t, formatNumber } = useI18n();
  const labels = useChartLabels();
  const rows = useMemo(() => backtestRows(report), [report]);
  const marks = useMemo(() => policyMarks(policies), [policies]);
  const options = useMemo(() => backtestChartOptions(rows, marks, labels), [rows, marks, labels]);
  if (rows.length === 0) return <Empty>{t('evaluation.noBacktest')}</Empty>;
  const bt = report.backtest;
  const lead = (v: number | null) => (v === null ? '–' : formatNumber(v, 1));
  return (
    <>
      <h4>{t('evaluation.backtest')}</h4>
      <p className="help">
        {t('evaluation.backtestHelp', {
          consecutive: bt?.consecutive ?? '?',
          minLead: bt?.minLead ?? '?',
          falseBeyond: bt?.falseBeyond ?? '?',
          assetYears: formatNumber(bt?.assetYears ?? 0, 1),
        })}
      </p>
      {marks.length === 0 ? (
        <p className="help">{t('evaluation.noPolicy')}</p>
      ) : (
        <ul className="policy-marks">
          {marks.map((m) => {
            const row = rowForThreshold(rows, m.threshold);
            return (
              <li key={m.threshold}>
                {labels.policy(m)}
                {row &&
                  ` ${t('evaluation.atPolicy', {
                    lead: lead(row.medianLead),
                    detected: formatNumber(row.detectedShare * 100, 0),
                    false: formatNumber(row.falseWarningsPerAssetYear, 2),
                  })}`}
              </li>
            );
          })}
        </ul>
      )}
      <EvaluationChart
        options={options}
        label={t('evaluation.backtestChart')}
        testId="backtest-chart"
      />
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.threshold')}</th>
            <th scope="col">{t('evaluation.detected')}</th>
            <th scope="col">{t('evaluation.medianLead')}</th>
            <th scope="col">{t('evaluation.p10Lead')}</th>
            <th scope="col">{t('evaluation.falseWarnings')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.threshold}
              className={
                marks.some((m) => rowForThreshold(rows, m.threshold) === r) ? 'current' : ''
              }
            >
              <td>{formatNumber(r.threshold, 2)}</td>
              <td>{formatNumber(r.detectedShare * 100, 0)} %</td>
              <td>{lead(r.medianLead)}</td>
              <td>{lead(r.p10Lead)}</td>
              <td>{formatNumber(r.falseWarningsPerAssetYear, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The report's held-out figures: RUL error per true-RUL bin and the calibration. */
function Figures({ report }: { report: ModelEvaluation }) {
  const { t, formatNumber } = useI18n();
  const labels = useChartLabels();
  const rul = useMemo(() => rulErrorChartOptions(report, labels), [report, labels]);
  const calibration = useMemo(() => calibrationChartOptions(report, labels), [report, labels]);
  const c = report.calibration;
  return (
    <>
      {report.source && <p className="help">{report.source}</p>}
      {report.headline && (
        <ul>
          {Object.entries(report.headline).map(([name, value]) => (
            <li key={name}>
              {name}: {formatNumber(value, 2)}
            </li>
          ))}
        </ul>
      )}
      {(report.rul?.byTrueRul?.length ?? 0) > 0 && (
        <>
          <h4>{t('evaluation.rulError')}</h4>
          <EvaluationChart options={rul} label={t('evaluation.rulErrorChart')} testId="rul-chart" />
        </>
      )}
      {(c?.bins?.length ?? 0) > 0 && (
        <>
          <h4>{t('evaluation.calibration')}</h4>
          <p className="help">
            {t('evaluation.calibrationFigures', {
              brier: formatNumber(c?.brier ?? 0, 4),
              ece: formatNumber(c?.expectedCalibrationError ?? 0, 4),
              base: formatNumber((c?.baseRate ?? 0) * 100, 1),
            })}
          </p>
          <EvaluationChart
            options={calibration}
            label={t('evaluation.calibrationChart')}
            testId="calibration-chart"
          />
        </>
      )}
    </>
  );
}

/** One version's evaluation report and threshold backtest, read when the engineer opens it. */
export function ModelEvaluationPanel({ version }: { version: string }) {
  const [report, reload] = useApiGet<ModelEvaluation>(
    `/api/models/${encodeURIComponent(version)}/evaluation`,
  );
  const [policies, reloadPolicies] = useApiGet<{ items: WarningPolicyView[] }>(
    '/api/warning-policies',
  );
  const { t } = useI18n();
  if (report.status === 'error' && report.error instanceof ApiError && report.error.status === 404)
    return <Empty>{t('evaluation.none')}</Empty>;
  return (
    <div className="model-evaluation" data-testid="model-evaluation">
      <AsyncState loadable={report} onRetry={reload}>
        {(r) => (
          <>
            <Figures report={r} />
            <AsyncState loadable={policies} onRetry={reloadPolicies}>
              {({ items }) => <Backtest report={r} policies={items} />}
            </AsyncState>
          </>
        )}
      </AsyncState>
    </div>
  );
}
