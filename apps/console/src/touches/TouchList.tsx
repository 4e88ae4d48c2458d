import type { TouchResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { HealthReportButtons } from '../asset/HealthReportButtons';
import { Link } from '../shell/Link';
import { OutcomeForm } from './OutcomeForm';
import { groupTouches, subjectPath, TOUCH_GROUPS, type TouchGroup } from './touch-view';

function GroupTable({
  group,
  touches,
  onSaved,
}: {
  group: TouchGroup;
  touches: readonly TouchResponse[];
  onSaved(): void;
}) {
  const { t, formatDate } = useI18n();
  const title = t(`touch.group.${group}`);
  return (
    <section aria-labelledby={`touch-${group}`} data-group={group}>
      <h3 id={`touch-${group}`}>
        {title} <span className="count">({touches.length})</span>
      </h3>
      {touches.length === 0 ? (
        <Empty>{t('touch.groupEmpty')}</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('touch.col.due')}</th>
                <th scope="col">{t('touch.col.customer')}</th>
                <th scope="col">{t('touch.col.subject')}</th>
                <th scope="col">{t('touch.col.rule')}</th>
                <th scope="col">{t('touch.col.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {touches.map((x) => (
                <tr key={x.id} data-touch-id={x.id}>
                  <td>{formatDate(x.dueAt)}</td>
                  <td>
                    <Link href={`/customers/${encodeURIComponent(x.tenantId)}`}>{x.tenantId}</Link>
                  </td>
                  <td>
                    {t(`touch.subject.${x.subject.kind}`)}{' '}
                    <Link href={subjectPath(x.subject)}>{x.subject.id}</Link>
                  </td>
                  <td>
                    <strong>{t(`touch.rule.${x.rule}`)}</strong>{' '}
                    <span className="count">({t(`lifecycle.stage.${x.stage}`)})</span>
                    <br />
                    <span className="help">{x.action}</span>
                    {x.rule === 'FIRST_SERVICE_REPORT' && x.subject.kind === 'asset' && (
                      // The report to hand over, at hand where the touch asks for it.
                      <HealthReportButtons assetId={x.subject.id} />
                    )}
                  </td>
                  <td>
                    {x.outcome && (
                      <p className="count">
                        {t('touch.recorded', {
                          outcome: t(`touch.outcome.${x.outcome.outcome}`),
                          by: x.outcome.recordedBy,
                          at: formatDate(x.outcome.recordedAt),
                        })}
                        {x.outcome.note ? ` · ${x.outcome.note}` : ''}
                      </p>
                    )}
                    <OutcomeForm touch={x} onSaved={onSaved} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The touches as a to-do list: overdue, due this week, later, and recently recorded. */
export function TouchList({
  touches,
  nowMs,
  onSaved,
}: {
  touches: readonly TouchResponse[];
  nowMs: number;
  onSaved(): void;
}) {
  const { t } = useI18n();
  if (touches.length === 0) return <Empty>{t('touch.none')}</Empty>;
  const groups = groupTouches(touches, nowMs);
  return (
    <>
      {TOUCH_GROUPS.map((g) => (
        <GroupTable key={g} group={g} touches={groups[g]} onSaved={onSaved} />
      ))}
    </>
  );
}
