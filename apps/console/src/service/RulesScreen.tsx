import { useState } from 'react';
import type { RuleBacktestResponse, RuleResponse } from '@hourglass/contracts-api';
import { useApiClient, useApiGet } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { RuleEditor } from './RuleEditor';

const BACKTEST_DAYS = 30;

type Backtest =
  | { status: 'busy' }
  | { status: 'done'; result: RuleBacktestResponse }
  | { status: 'error'; message: string };

/** "Beyond 90 for 600 s" in the reader's language. */
function Condition({ rule }: { rule: RuleResponse }) {
  const { t, formatNumber } = useI18n();
  const c = rule.condition;
  return (
    <>
      {t(c.operator === 'ABOVE' ? 'rules.above' : 'rules.below', {
        metric: c.metric,
        limit: formatNumber(c.limit, 2),
        seconds: c.forSeconds,
      })}
    </>
  );
}

/** How often a rule would have fired over the last 30 days (nothing is saved). */
function BacktestCell({ rule }: { rule: RuleResponse }) {
  const { t } = useI18n();
  const client = useApiClient();
  const [state, setState] = useState<Backtest | null>(null);
  const run = async () => {
    setState({ status: 'busy' });
    const to = Date.now();
    try {
      const result = await client.post<RuleBacktestResponse>('/api/rules/backtest', {
        assetType: rule.assetType,
        condition: rule.condition,
        from: new Date(to - BACKTEST_DAYS * 86_400_000).toISOString(),
        to: new Date(to).toISOString(),
      });
      setState({ status: 'done', result });
    } catch (err) {
      setState({ status: 'error', message: (err as Error).message });
    }
  };
  return (
    <td aria-live="polite">
      {state?.status === 'done' ? (
        t('rules.fired', { total: state.result.total, assets: state.result.assets.length })
      ) : (
        <button
          type="button"
          onClick={run}
          disabled={state?.status === 'busy'}
          aria-label={t('rules.backtestOf', { name: rule.name })}
        >
          {state?.status === 'busy' ? t('common.saving') : t('rules.backtest')}
        </button>
      )}
      {state?.status === 'error' && (
        <span className="state-error" role="alert">
          {' '}
          {state.message}
        </span>
      )}
    </td>
  );
}

/** Rule conditions on telemetry, with "how often would it have fired" over the last 30 days. */
export default function RulesScreen() {
  const { t } = useI18n();
  const [rules, reload] = useApiGet<{ items: RuleResponse[] }>('/api/rules');
  // null: no editor open; 'new': a new rule; else the rule being edited.
  const [editing, setEditing] = useState<RuleResponse | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title">{t('rules.title')}</h1>
      <p className="help">{t('rules.help', { days: BACKTEST_DAYS })}</p>
      <p role="status">{saved && t('rules.saved', { name: saved })}</p>
      {editing === null ? (
        <p>
          <button type="button" onClick={() => setEditing('new')}>
            {t('rules.new')}
          </button>
        </p>
      ) : (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? undefined : editing}
          onSaved={(r) => {
            setEditing(null);
            setSaved(r.name);
            reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <AsyncState loadable={rules} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>{t('rules.none')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.name')}</th>
                    <th scope="col">{t('kpi.assetType')}</th>
                    <th scope="col">{t('rules.condition')}</th>
                    <th scope="col">{t('orders.col.component')}</th>
                    <th scope="col">{t('orders.col.priority')}</th>
                    <th scope="col">{t('rules.enabled')}</th>
                    <th scope="col">{t('rules.wouldFire', { days: BACKTEST_DAYS })}</th>
                    <th scope="col">{t('rules.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id}>
                      <td>{r.name}</td>
                      <td>{r.assetType}</td>
                      <td>
                        <Condition rule={r} />
                      </td>
                      <td>{r.component}</td>
                      <td>{t(`priority.${r.priority}`)}</td>
                      <td>{r.enabled ? t('common.yes') : t('common.no')}</td>
                      <BacktestCell rule={r} />
                      <td>
                        <button
                          type="button"
                          onClick={() => setEditing(r)}
                          aria-label={t('rules.editOf', { name: r.name })}
                        >
                          {t('rules.edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncState>
    </section>
  );
}
