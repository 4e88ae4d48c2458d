import type { ReactNode } from 'react';
import type { Loadable } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';

/** A loading line announced to screen readers. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      {t('state.loading')}
    </p>
  );
}

/** An error with a retry button. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <p>{t('state.error', { message: error.message })}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** The empty state of a list. */
export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="state state-empty">{children ?? t('state.empty')}</p>;
}

/** Renders loading and error states of `loadable`, and `children(data)` once it is ready. */
export function AsyncState<T>({
  loadable,
  onRetry,
  children,
}: {
  loadable: Loadable<T>;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (loadable.status === 'loading') return <Loading />;
  if (loadable.status === 'error') return <ErrorState error={loadable.error} onRetry={onRetry} />;
  return <>{children(loadable.data)}</>;
}
