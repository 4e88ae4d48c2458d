import type { LifecycleStagesResponse } from '@hourglass/contracts-api';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { stageRows } from './touch-view';

/** Customers per lifecycle stage at the end of the window and the movement during it. */
export function LifecyclePanel({ report }: { report: LifecycleStagesResponse }) {
  const { t, formatDate } = useI18n();
  const rows = stageRows(report);
  const caption = t('lifecycle.caption', {
    from: formatDate(report.from),
    to: formatDate(report.to),
  });
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('lifecycle.title')}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lifecycle.col.stage')}</th>
              <th scope="col">{t('lifecycle.col.customers')}</th>
              <th scope="col">{t('lifecycle.col.entered')}</th>
              <th scope="col">{t('lifecycle.col.movedOn')}</th>
              <th scope="col">{t('lifecycle.col.fellBack')}</th>
              <th scope="col">{t('lifecycle.col.lost')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.stage} data-stage={r.stage}>
                <th scope="row">{t(`lifecycle.stage.${r.stage}`)}</th>
                <td className="num">{r.customers}</td>
                <td className="num">{r.entered}</td>
                <td className="num">{r.movedOn}</td>
                <td className="num">{r.fellBack}</td>
                <td className="num">{r.lost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="stage-customers">
        {rows
          .filter((r) => r.tenants.length > 0)
          .map((r) => (
            <li key={r.stage}>
              {t(`lifecycle.stage.${r.stage}`)}:{' '}
              {r.tenants.map((id, i) => (
                <span key={id}>
                  {i > 0 && ', '}
                  <Link href={`/customers/${encodeURIComponent(id)}`}>{id}</Link>
                </span>
              ))}
            </li>
          ))}
      </ul>
    </>
  );
}
