import { useState } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import {
  BILLING_EXPORT_KINDS,
  downloadBillingExport,
  type BillingExportKind,
  type FileSaver,
} from './billing-exports';

const saver: FileSaver = {
  save: (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has its own copy once started; the blob URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  },
};

type State =
  | { status: 'idle' }
  | { status: 'busy'; kind: BillingExportKind }
  | { status: 'saved'; filename: string }
  | { status: 'failed'; message: string };

/** A period's statement and exports, downloaded with the bearer token. */
export function BillingExportButtons({
  contractId,
  period,
}: {
  contractId: string;
  period: string;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const [state, setState] = useState<State>({ status: 'idle' });
  const download = async (kind: BillingExportKind) => {
    setState({ status: 'busy', kind });
    try {
      const filename = await downloadBillingExport(
        (p) => client.getBlob(p),
        saver,
        contractId,
        period,
        kind,
      );
      setState({ status: 'saved', filename });
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    }
  };
  return (
    <div className="actions export-actions">
      {BILLING_EXPORT_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          disabled={state.status === 'busy'}
          aria-label={t(`exports.${kind}.label` as const, { period })}
          onClick={() => download(kind)}
        >
          {t(`exports.${kind}` as const)}
        </button>
      ))}
      <span role="status" className="count">
        {state.status === 'busy' && t('exports.preparing')}
        {state.status === 'saved' && t('exports.saved', { filename: state.filename })}
      </span>
      {state.status === 'failed' && (
        <p role="alert" className="state-error">
          {t('exports.failed', { message: state.message })}
        </p>
      )}
    </div>
  );
}
