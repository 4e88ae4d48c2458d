import { useState, type FormEvent } from 'react';
import type { CaseHitRateResponse, CaseResponse } from '@hourglass/contracts-api';
import type { Me } from '../api/types';
import { useApiGet } from '../api/use-api';
import { usePagedList } from '../api/use-paged';
import { isStaff } from '../auth/role-access';
import { AsyncState, Empty } from '../components/AsyncState';
import { LoadMore } from '../components/LoadMore';
import { useI18n } from '../i18n/I18nProvider';
import { ARROW, casesPath, EMPTY_SEARCH, percent, type CaseSearch } from './case-view';

const FIELDS = ['assetType', 'component', 'failureCode', 'q'] as const;

function HitRate() {
  const { t } = useI18n();
  const [rate] = useApiGet<CaseHitRateResponse>('/api/cases/hit-rate');
  if (rate.status !== 'ready' || rate.data.orders === 0) return null;
  const pct = (v: number | null) => (v === null ? t('common.none') : `${percent(v)} %`);
  return (
    <p data-testid="cases-hit-rate">
      {t('cases.hitRate', {
        problem: pct(rate.data.problemHitRate),
        cause: pct(rate.data.causeHitRate),
        orders: rate.data.orders,
      })}
    </p>
  );
}

function CaseTable({ items }: { items: CaseResponse[] }) {
  const { t, formatDate, formatNumber } = useI18n();
  if (items.length === 0) return <Empty>{t('cases.none')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('cases.list')}>
      <table>
        <caption>{t('cases.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.col.completed')}</th>
            <th scope="col">{t('cases.col.kind')}</th>
            <th scope="col">{t('cases.col.codes')}</th>
            <th scope="col">{t('cases.col.parts')}</th>
            <th scope="col">{t('cases.col.labour')}</th>
            <th scope="col">{t('cases.col.pattern')}</th>
            <th scope="col">{t('cases.col.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.caseId}>
              <th scope="row">{formatDate(c.completedAt)}</th>
              <td>
                {c.assetType} / {c.component}
              </td>
              <td>{[c.problem, c.cause, c.remedy].filter(Boolean).join(' → ')}</td>
              <td>
                {c.parts.map((p) => `${p.quantity} × ${p.partNumber}`).join(', ') ||
                  t('common.none')}
              </td>
              <td className="num">{formatNumber(c.labourHours, 1)}</td>
              <td>
                {c.pattern
                  .map((m) =>
                    t('cases.move', {
                      metric: m.metric,
                      arrow: ARROW[m.direction],
                      rate: formatNumber(m.relativeRatePerDay * 100, 1),
                    }),
                  )
                  .join(', ') || t('common.none')}
              </td>
              <td>{c.notes ?? t('common.none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The case library: completed orders' failure reports, searched by type, component, code and text. */
export default function CasesScreen({ me }: { me: Me }) {
  const { t } = useI18n();
  const [form, setForm] = useState<CaseSearch>(EMPTY_SEARCH);
  const [search, setSearch] = useState<CaseSearch>(EMPTY_SEARCH);
  const cases = usePagedList<CaseResponse>(casesPath(search));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch(form);
  };
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('cases.title')}</h1>
      {!isStaff(me.role) && <p>{t('cases.anonymised')}</p>}
      <HitRate />
      <form className="filters" role="search" aria-label={t('cases.search')} onSubmit={submit}>
        {FIELDS.map((field) => (
          <label key={field}>
            <span>{t(`cases.${field}`)}</span>
            <input
              value={form[field]}
              maxLength={200}
              onChange={(e) => setForm({ ...form, [field]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit">{t('cases.submit')}</button>
      </form>
      <AsyncState loadable={cases.first} onRetry={cases.reload}>
        {() => <CaseTable items={cases.items} />}
      </AsyncState>
      <LoadMore list={cases} />
    </section>
  );
}
