import type { PagedList } from '../api/use-paged';
import { useI18n } from '../i18n/I18nProvider';

/** The "load more" button under a paged list, with its error; nothing once the last page is in. */
export function LoadMore<T>({ list }: { list: PagedList<T> }) {
  const { t } = useI18n();
  if (!list.hasMore) return null;
  return (
    <div className="actions">
      <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
        {list.loadingMore ? t('state.loading') : t('common.loadMore')}
      </button>
      {list.moreError && (
        <p className="state state-error" role="alert">
          {t('state.error', { message: list.moreError.message })}
        </p>
      )}
    </div>
  );
}
