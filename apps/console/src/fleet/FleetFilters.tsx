import { useI18n } from '../i18n/I18nProvider';
import type { FleetConnectionFilter, FleetFilter } from './fleet-view';

/** Text, state, connection and risk-above inputs of the fleet list. */
export function FleetFilters({
  filter,
  states,
  onChange,
}: {
  filter: FleetFilter;
  states: string[];
  onChange(filter: FleetFilter): void;
}) {
  const { t } = useI18n();
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>{t('fleet.filter.text')}</span>
        <input
          type="search"
          value={filter.text}
          onChange={(e) => onChange({ ...filter, text: e.target.value })}
        />
      </label>
      <label>
        <span>{t('fleet.filter.state')}</span>
        <select
          value={filter.state}
          onChange={(e) => onChange({ ...filter, state: e.target.value })}
        >
          <option value="">{t('common.all')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('fleet.filter.connection')}</span>
        <select
          value={filter.connection}
          onChange={(e) =>
            onChange({ ...filter, connection: e.target.value as FleetConnectionFilter })
          }
        >
          <option value="">{t('common.all')}</option>
          <option value="ONLINE">{t('fleet.connection.ONLINE')}</option>
          <option value="OFFLINE">{t('fleet.connection.OFFLINE')}</option>
        </select>
      </label>
      <label>
        <span>{t('fleet.filter.riskAbove')}</span>
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={filter.riskAbove === null ? '' : Math.round(filter.riskAbove * 100)}
          onChange={(e) =>
            onChange({
              ...filter,
              riskAbove: e.target.value === '' ? null : Number(e.target.value) / 100,
            })
          }
        />
      </label>
    </form>
  );
}
