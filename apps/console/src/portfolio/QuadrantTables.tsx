import type { ValueMatrixResponse } from '@hourglass/contracts-api';
import { Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { groupByQuadrant } from './portfolio-view';

const contractHref = (id: string) => `/contracts/${encodeURIComponent(id)}`;
const customerHref = (id: string) => `/customers/${encodeURIComponent(id)}`;

/** The placed contracts, quadrant by quadrant, with their move and inputs (the chart's data). */
export function QuadrantTables({ items }: { items: ValueMatrixResponse['items'] }) {
  const { t, formatNumber } = useI18n();
  const num = (v: number | null, digits = 1) =>
    v === null ? t('common.none') : formatNumber(v, digits);
  return (
    <>
      {groupByQuadrant(items).map((g) => (
        <section key={g.quadrant} data-quadrant={g.quadrant}>
          <h3 id={`quadrant-${g.quadrant}`}>{t(`portfolio.quadrant.${g.quadrant}`)}</h3>
          {g.move && <p className="move">{t('portfolio.move', { move: g.move })}</p>}
          {g.contracts.length === 0 ? (
            <Empty>{t('portfolio.quadrantEmpty')}</Empty>
          ) : (
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label={t(`portfolio.quadrant.${g.quadrant}`)}
            >
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('portfolio.col.contract')}</th>
                    <th scope="col">{t('portfolio.col.customer')}</th>
                    <th scope="col">{t('portfolio.col.customerValue')}</th>
                    <th scope="col">{t('portfolio.col.margin')}</th>
                    <th scope="col">{t('portfolio.col.health')}</th>
                    <th scope="col">{t('portfolio.col.availability')}</th>
                    <th scope="col">{t('portfolio.col.revenue')}</th>
                    <th scope="col">{t('portfolio.col.cost')}</th>
                    <th scope="col">{t('portfolio.col.ratio')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.contracts.map((c) => (
                    <tr key={c.contractId} data-contract-id={c.contractId}>
                      <th scope="row">
                        <Link href={contractHref(c.contractId)}>{c.contractId}</Link>
                      </th>
                      <td>
                        <Link href={customerHref(c.tenantId)}>{c.tenantId}</Link>
                      </td>
                      <td className="num">{num(c.customerValue)}</td>
                      <td className="num">{num(c.commercialValue)} %</td>
                      <td className="num">{num(c.inputs.health)}</td>
                      <td className="num">{num(c.inputs.availability)}</td>
                      <td className="num">{num(c.inputs.revenue, 2)}</td>
                      <td className="num">{num(c.inputs.serviceCost, 2)}</td>
                      <td className="num">{num(c.inputs.inputOutputRatio, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}

/** Each customer's place: the revenue-weighted mean of its placed contracts. */
export function CustomerPlaces({ customers }: { customers: ValueMatrixResponse['customers'] }) {
  const { t, formatNumber } = useI18n();
  if (customers.length === 0) return <Empty>{t('portfolio.customersNone')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('portfolio.customers')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('portfolio.col.customer')}</th>
            <th scope="col">{t('portfolio.col.quadrant')}</th>
            <th scope="col">{t('portfolio.col.customerValue')}</th>
            <th scope="col">{t('portfolio.col.margin')}</th>
            <th scope="col">{t('portfolio.col.revenue')}</th>
            <th scope="col">{t('portfolio.col.move')}</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((c) => (
            <tr key={c.tenantId} data-tenant-id={c.tenantId}>
              <th scope="row">
                <Link href={customerHref(c.tenantId)}>{c.tenantId}</Link>
              </th>
              <td>{t(`portfolio.quadrant.${c.quadrant}`)}</td>
              <td className="num">{formatNumber(c.customerValue, 1)}</td>
              <td className="num">{formatNumber(c.commercialValue, 1)} %</td>
              <td className="num">{formatNumber(c.revenue, 2)}</td>
              <td>{c.move}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Contracts the matrix cannot place, with the API's reason. */
export function UnplacedContracts({ unplaced }: { unplaced: ValueMatrixResponse['unplaced'] }) {
  const { t } = useI18n();
  if (unplaced.length === 0) return <Empty>{t('portfolio.unplacedNone')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('portfolio.unplaced')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('portfolio.col.contract')}</th>
            <th scope="col">{t('portfolio.col.customer')}</th>
            <th scope="col">{t('portfolio.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {unplaced.map((u) => (
            <tr key={u.contractId} data-unplaced-id={u.contractId}>
              <th scope="row">
                <Link href={contractHref(u.contractId)}>{u.contractId}</Link>
              </th>
              <td>{u.tenantId}</td>
              <td>{u.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
