import { Fragment, useState, type FormEvent } from 'react';
import type { SegmentRuleResponse } from '@hourglass/contracts-api';
import { useApiClient } from '../api/use-api';
import { useI18n } from '../i18n/I18nProvider';
import {
  locateRuleError,
  moveRow,
  rowsToRules,
  rulesToRows,
  SCORES,
  type RuleError,
  type RuleRow,
  type Score,
} from './segment-rules';

type SaveState = { status: 'idle' | 'busy' | 'saved' } | { status: 'failed'; error: RuleError };

/**
 * The segment rules as a small table (first match wins): edit the bounds, add, remove and
 * reorder rules, save; the API checks them and its message is shown on the rule it names.
 */
export function SegmentRulesEditor({
  rules,
  onSaved,
}: {
  rules: readonly SegmentRuleResponse[];
  onSaved(): void;
}) {
  const { t } = useI18n();
  const client = useApiClient();
  const [rows, setRows] = useState<RuleRow[]>(() => rulesToRows(rules));
  const [nextKey, setNextKey] = useState(rules.length);
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const error = state.status === 'failed' ? state.error : null;

  const update = (index: number, change: (row: RuleRow) => RuleRow) =>
    setRows((rs) => rs.map((r, i) => (i === index ? change(r) : r)));
  const setBound = (index: number, which: 'min' | 'max', score: Score, value: string) =>
    update(index, (r) => ({ ...r, [which]: { ...r[which], [score]: value } }));
  const add = () => {
    setRows((rs) => [...rs, ...rulesToRows([{ segment: '', when: {} }], nextKey)]);
    setNextKey((k) => k + 1);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'busy' });
    try {
      await client.put('/api/segments/rules', rowsToRules(rows));
      setState({ status: 'saved' });
      onSaved();
    } catch (err) {
      setState({ status: 'failed', error: locateRuleError((err as Error).message) });
    }
  };
  const invalid = (row: number, field: RuleError['field']) =>
    error?.row === row && (error.field === field || error.field === null) ? true : undefined;

  return (
    <form aria-labelledby="rules-title" onSubmit={submit} noValidate className="rules-editor">
      <h2 id="rules-title">{t('segments.rules')}</h2>
      <p className="help">{t('segments.rulesHelp')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('segments.rules')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('segments.col.order')}</th>
              <th scope="col">{t('customers.col.segment')}</th>
              {SCORES.map((s) => (
                <th scope="col" key={s}>
                  {t(`segments.score.${s}`)} {t('segments.minMax')}
                </th>
              ))}
              <th scope="col">{t('segments.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <Fragment key={row.key}>
                <tr data-rule={i}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <input
                      aria-label={t('segments.segmentOf', { n: i + 1 })}
                      value={row.segment}
                      aria-invalid={invalid(i, 'segment')}
                      onChange={(e) => update(i, (r) => ({ ...r, segment: e.target.value }))}
                    />
                  </td>
                  {SCORES.map((s) => (
                    <td key={s} className="bounds">
                      {(['min', 'max'] as const).map((which) => (
                        <input
                          key={which}
                          className="bound"
                          inputMode="numeric"
                          aria-label={t(`segments.bound.${which}`, {
                            n: i + 1,
                            score: t(`segments.score.${s}`),
                          })}
                          value={row[which][s]}
                          aria-invalid={invalid(i, s)}
                          onChange={(e) => setBound(i, which, s, e.target.value)}
                        />
                      ))}
                    </td>
                  ))}
                  <td className="actions">
                    <button
                      type="button"
                      disabled={i === 0}
                      aria-label={t('segments.up', { n: i + 1 })}
                      onClick={() => setRows((rs) => moveRow(rs, i, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={i === rows.length - 1}
                      aria-label={t('segments.down', { n: i + 1 })}
                      onClick={() => setRows((rs) => moveRow(rs, i, 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      aria-label={t('segments.remove', { n: i + 1 })}
                      onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
                {error?.row === i && (
                  <tr className="row-error">
                    <td colSpan={SCORES.length + 3} role="alert" className="state-error">
                      {t('segments.invalid', { n: i + 1, message: error.message })}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" onClick={add}>
          {t('segments.add')}
        </button>
        <button type="submit" disabled={state.status === 'busy'}>
          {t('segments.save')}
        </button>
      </div>
      {state.status === 'saved' && <p role="status">{t('segments.saved')}</p>}
      {error && error.row === null && (
        <p role="alert" className="state-error">
          {t('segments.failed', { message: error.message })}
        </p>
      )}
    </form>
  );
}
