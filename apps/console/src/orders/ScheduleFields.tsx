import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { ScheduleForm } from './order-lifecycle';

/** Planned date and assignee, which a move to SCHEDULED needs. */
export function ScheduleFields({
  value,
  onChange,
}: {
  value: ScheduleForm;
  onChange(value: ScheduleForm): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset>
      <legend>{t('orders.schedule')}</legend>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('orders.plannedFor')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={value.plannedFor}
          onChange={(e) => onChange({ ...value, plannedFor: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>{t('orders.assignee')}</label>
        <input
          id={`${id}-assignee`}
          value={value.assignee}
          maxLength={200}
          onChange={(e) => onChange({ ...value, assignee: e.target.value })}
        />
      </div>
    </fieldset>
  );
}
