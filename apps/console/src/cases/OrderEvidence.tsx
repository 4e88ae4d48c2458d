import type {
  CaseSuggestionResponse,
  DiagnosisResponse,
  TaskResponse,
} from '@hourglass/contracts-api';
import { useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { ARROW, diagnosisRows, percent, suggestionLines } from './case-view';

const taskPath = (id: string, what: string) => `/api/tasks/${encodeURIComponent(id)}/${what}`;

function Suggestion({ s }: { s: CaseSuggestionResponse }) {
  const { t } = useI18n();
  if (s.casesConsidered === 0) return <Empty>{t('suggested.none')}</Empty>;
  return (
    <>
      <p>
        {t('suggested.basis', {
          cases: s.casesConsidered,
          type: s.assetType,
          component: s.component,
        })}
      </p>
      <dl className="suggestion">
        {suggestionLines(s).map((line) => (
          <div key={line.level}>
            <dt>{t(`suggested.level.${line.level}`)}</dt>
            <dd>
              {line.best ? (
                <strong>{t('suggested.candidate', line.best)}</strong>
              ) : (
                t('common.none')
              )}
              {line.others.map((o) => ` · ${t('suggested.candidate', o)}`).join('')}
            </dd>
          </div>
        ))}
        <div>
          <dt>{t('suggested.parts')}</dt>
          <dd>
            {s.parts.length === 0 ? (
              t('common.none')
            ) : (
              <ul>
                {s.parts.map((p) => (
                  <li key={p.partNumber}>
                    {t('suggested.part', { ...p, pct: percent(p.confidence) })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}

/** The suggested problem, cause, remedy and parts stored with the order, with their confidence. */
export function SuggestionPanel({ task }: { task: TaskResponse }) {
  const { t } = useI18n();
  const [suggestion, reload] = useApiGet<CaseSuggestionResponse>(taskPath(task.id, 'suggestion'));
  return (
    <section aria-labelledby="suggested-title" data-testid="suggested-panel">
      <h3 id="suggested-title">{t('suggested.title')}</h3>
      <AsyncState loadable={suggestion} onRetry={reload}>
        {(s) => <Suggestion s={s} />}
      </AsyncState>
    </section>
  );
}

function DiagnosisTable({ d }: { d: DiagnosisResponse }) {
  const { t, formatNumber, formatDate } = useI18n();
  const rows = diagnosisRows(d.metrics);
  if (rows.length === 0) return <Empty>{t('diagnosis.none')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('diagnosis.title')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('diagnosis.col.metric')}</th>
            <th scope="col">{t('diagnosis.col.trend')}</th>
            <th scope="col">{t('diagnosis.col.latest')}</th>
            <th scope="col">{t('diagnosis.col.range')}</th>
            <th scope="col">{t('diagnosis.col.since')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.metric}>
              <th scope="row">{r.metric}</th>
              <td>
                {r.direction === null || r.ratePctPerDay === null
                  ? t('common.none')
                  : `${ARROW[r.direction]} ${formatNumber(r.ratePctPerDay, 1)} %/d`}
              </td>
              <td className="num">
                {formatNumber(r.latest, 2)} ({t(`diagnosis.position.${r.position}`)})
              </td>
              <td className="num">
                {r.range
                  ? `${formatNumber(r.range.p5, 2)} – ${formatNumber(r.range.p95, 2)}`
                  : t('common.none')}
              </td>
              <td>{r.outsideSince ? formatDate(r.outsideSince) : t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The evidence behind an open order: metrics that moved, since when, against the fleet's range. */
export function DiagnosisPanel({ task }: { task: TaskResponse }) {
  const { t, formatDate } = useI18n();
  const [diagnosis, reload] = useApiGet<DiagnosisResponse>(taskPath(task.id, 'diagnosis'));
  return (
    <section aria-labelledby="diagnosis-title" data-testid="diagnosis-panel">
      <h3 id="diagnosis-title">{t('diagnosis.title')}</h3>
      <AsyncState loadable={diagnosis} onRetry={reload}>
        {(d) => (
          <>
            <p>{t('diagnosis.basis', { from: formatDate(d.window.from), fleet: d.fleetAssets })}</p>
            <DiagnosisTable d={d} />
          </>
        )}
      </AsyncState>
    </section>
  );
}
