import { useEffect, useRef, useState } from 'react';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import { openHealthReport, type ReportBrowser, type ReportFormat } from './health-report';

const browser: ReportBrowser = {
  openTab: () => {
    const tab = window.open('', '_blank');
    // The report needs nothing of the console's window.
    if (tab) tab.opener = null;
    return tab;
  },
  createObjectURL: (blob) => URL.createObjectURL(blob),
};

type State =
  | { status: 'idle' }
  | { status: 'busy'; format: ReportFormat }
  | { status: 'blocked'; format: ReportFormat; url: string }
  | { status: 'failed'; message: string };

/** Buttons that open an asset's health report (HTML, or the PDF on request) in a new tab. */
export function HealthReportButtons({ assetId }: { assetId: string }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [state, setState] = useState<State>({ status: 'idle' });
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url);
    },
    [],
  );
  const open = async (format: ReportFormat) => {
    setState({ status: 'busy', format });
    try {
      const opened = await openHealthReport((p) => client.getBlob(p), browser, assetId, format);
      urls.current.push(opened.url);
      setState(opened.inTab ? { status: 'idle' } : { status: 'blocked', format, url: opened.url });
    } catch (error) {
      setState({ status: 'failed', message: (error as Error).message });
    }
  };
  const busy = state.status === 'busy';
  return (
    <div className="actions report-actions">
      <button type="button" disabled={busy} onClick={() => open('html')}>
        {t('report.open')}
      </button>
      <button type="button" disabled={busy} onClick={() => open('pdf')}>
        {t('report.pdf')}
      </button>
      {busy && (
        <span role="status" className="count">
          {t('report.preparing')}
        </span>
      )}
      {state.status === 'blocked' && (
        <a href={state.url} target="_blank" rel="noreferrer">
          {t(state.format === 'pdf' ? 'report.readyPdf' : 'report.ready')}
        </a>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="state-error">
          {t('report.failed', { message: state.message })}
        </p>
      )}
    </div>
  );
}
