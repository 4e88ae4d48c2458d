import type { MatrixThresholdsRequest, MatrixThresholdsResponse } from '@hourglass/contracts-api';
import { useState, type FormEvent } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';

/** Changes the provider's thresholds; the API checks the ranges and its 400 is shown as it says. */
export function ThresholdForm({
  thresholds,
  onSaved,
}: {
  thresholds: MatrixThresholdsResponse;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const [customerValue, setCustomerValue] = useState(String(thresholds.customerValue));
  const [marginPct, setMarginPct] = useState(String(thresholds.marginPct));
  const [state, setState] = useState<
    { status: 'idle' | 'busy' | 'saved' } | { status: 'failed'; message: string }
  >({ status: 'idle' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'busy' });
    // Sent as typed (an empty field as NaN becomes null in JSON): the API is the one judge of range.
    const body: MatrixThresholdsRequest = {
      customerValue: Number(customerValue),
      marginPct: Number(marginPct),
    };
    try {
      await client.put('/api/portfolio/matrix/thresholds', body);
      setState({ status: 'saved' });
      onSaved();
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    }
  };
  return (
    <form className="form" aria-labelledby="thresholds-title" onSubmit={submit}>
      <h2 id="thresholds-title">{t('portfolio.thresholds')}</h2>
      <label>
        {t('portfolio.threshold.customerValue')}
        <input
          type="number"
          step="any"
          value={customerValue}
          onChange={(e) => setCustomerValue(e.target.value)}
          required
        />
      </label>
      <label>
        {t('portfolio.threshold.marginPct')}
        <input
          type="number"
          step="any"
          value={marginPct}
          onChange={(e) => setMarginPct(e.target.value)}
          required
        />
      </label>
      <button type="submit" disabled={state.status === 'busy'}>
        {t('portfolio.threshold.save')}
      </button>
      {state.status === 'saved' && <p role="status">{t('portfolio.threshold.saved')}</p>}
      {state.status === 'failed' && (
        <p role="alert" className="state-error">
          {t('portfolio.threshold.failed', { message: state.message })}
        </p>
      )}
    </form>
  );
}
