import type { FailureCodeResponse, FailureOutcome, ListResponse } from '@hourglass/contracts-api';
import { useId } from 'react';
import { useApiGet } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import type { PartRow, ReportForm } from './order-lifecycle';

const OUTCOMES: readonly FailureOutcome[] = [
  'DEFECT_CONFIRMED_REPLACED',
  'NO_FAULT_FOUND',
  'OTHER',
];
const EMPTY_PART: PartRow = { partNumber: '', quantity: '1', unitCost: '' };

/** The failure report a move to DONE needs: outcome, failure code, parts and labour hours. */
export function FailureReportFields({
  assetType,
  value,
  provider,
  onChange,
}: {
  assetType: string | null;
  value: ReportForm;
  provider: boolean;
  onChange(value: ReportForm): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [codes] = useApiGet<ListResponse<FailureCodeResponse>>(
    assetType ? `/api/failure-codes/${encodeURIComponent(assetType)}` : null,
  );
  const options =
    codes.status === 'ready' ? codes.data.items.filter((c) => c.level !== 'COMPONENT') : [];
  const setPart = (i: number, part: PartRow) =>
    onChange({ ...value, parts: value.parts.map((p, j) => (j === i ? part : p)) });
  return (
    <fieldset>
      <legend>{t('orders.report')}</legend>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t('orders.outcome')}</label>
        <select
          id={`${id}-outcome`}
          value={value.outcome}
          onChange={(e) => onChange({ ...value, outcome: e.target.value as ReportForm['outcome'] })}
        >
          <option value="">{t('orders.choose')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('orders.failureCode')}</label>
        <select
          id={`${id}-code`}
          value={value.failureCode}
          onChange={(e) => onChange({ ...value, failureCode: e.target.value })}
        >
          <option value="">
            {codes.status === 'loading' && assetType ? t('state.loading') : t('orders.choose')}
          </option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {`${c.code} (${t(`codeLevel.${c.level}`)}): ${c.description}`}
            </option>
          ))}
        </select>
        {codes.status === 'error' && (
          <small role="alert">{t('state.error', { message: codes.error.message })}</small>
        )}
      </div>
      {value.parts.map((part, i) => (
        <div
          className="field-row"
          key={i}
          role="group"
          aria-label={t('orders.partRow', { n: i + 1 })}
        >
          <label>
            <span>{t('orders.partNumber')}</span>
            <input
              value={part.partNumber}
              onChange={(e) => setPart(i, { ...part, partNumber: e.target.value })}
            />
          </label>
          <label>
            <span>{t('orders.quantity')}</span>
            <input
              type="number"
              min={1}
              value={part.quantity}
              onChange={(e) => setPart(i, { ...part, quantity: e.target.value })}
            />
          </label>
          {provider && (
            <label>
              <span>{t('orders.unitCost')}</span>
              <input
                inputMode="decimal"
                value={part.unitCost}
                onChange={(e) => setPart(i, { ...part, unitCost: e.target.value })}
              />
            </label>
          )}
          <button
            type="button"
            onClick={() => onChange({ ...value, parts: value.parts.filter((_, j) => j !== i) })}
          >
            {t('orders.removePart')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...value, parts: [...value.parts, EMPTY_PART] })}
      >
        {t('orders.addPart')}
      </button>
      <div className="field">
        <label htmlFor={`${id}-hours`}>{t('orders.labourHours')}</label>
        <input
          id={`${id}-hours`}
          type="number"
          min={0}
          step="0.25"
          value={value.labourHours}
          onChange={(e) => onChange({ ...value, labourHours: e.target.value })}
        />
      </div>
    </fieldset>
  );
}
