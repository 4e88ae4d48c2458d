import { useMemo, useState } from 'react';
import type { ListResponse, PartnerResponse, TechnicianResponse } from '@hourglass/contracts-api';
import { useApiClient, useApiGet, type Loadable } from '../api/use-api';
import { AsyncState, Empty } from '../components/AsyncState';
import { useI18n } from '../i18n/I18nProvider';
import { Link } from '../shell/Link';
import { NetworkEntryForm } from './NetworkEntryForm';
import {
  certificationStatus,
  partnerRequest,
  teams,
  technicianRequest,
  type CertificationStatus,
} from './partner-form';

type Certified = Pick<PartnerResponse, 'certifiedFrom' | 'certifiedTo'>;

function Certification({ c, nowMs }: { c: Certified; nowMs: number }) {
  const { t, formatDate } = useI18n();
  const status: CertificationStatus = certificationStatus(c, nowMs);
  return (
    <>
      <span className={`badge cert-${status}`}>{t(`partners.cert.${status}`)}</span>{' '}
      {status !== 'none' && (
        <span className="count">
          {formatDate(c.certifiedFrom)} – {formatDate(c.certifiedTo)}
        </span>
      )}
    </>
  );
}

function PartnerTable({ partners, nowMs }: { partners: PartnerResponse[]; nowMs: number }) {
  const { t } = useI18n();
  if (partners.length === 0) return <Empty>{t('partners.none')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('partners.list')}>
      <table>
        <caption>{t('partners.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partners.field.name')}</th>
            <th scope="col">{t('partners.field.id')}</th>
            <th scope="col">{t('partners.col.regions')}</th>
            <th scope="col">{t('partners.col.skills')}</th>
            <th scope="col">{t('partners.col.certification')}</th>
          </tr>
        </thead>
        <tbody>
          {[...partners]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((p) => (
              <tr key={p.id} data-partner-id={p.id}>
                <th scope="row">{p.name}</th>
                <td className="mono">{p.id}</td>
                <td>{p.regions.join(', ') || t('common.none')}</td>
                <td>{p.skills.join(', ') || t('common.none')}</td>
                <td>
                  <Certification c={p} nowMs={nowMs} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function TechnicianTable({
  partners,
  technicians,
  nowMs,
}: {
  partners: PartnerResponse[];
  technicians: TechnicianResponse[];
  nowMs: number;
}) {
  const { t } = useI18n();
  const groups = teams(partners, technicians);
  if (groups.length === 0) return <Empty>{t('partners.noTechnicians')}</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('partners.technicians')}>
      <table>
        <caption>{t('partners.technicians')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partners.field.name')}</th>
            <th scope="col">{t('partners.col.team')}</th>
            <th scope="col">{t('partners.col.regions')}</th>
            <th scope="col">{t('partners.col.skills')}</th>
            <th scope="col">{t('partners.col.certification')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.flatMap((g) =>
            g.technicians.map((x) => (
              <tr key={x.id} data-technician-id={x.id}>
                <th scope="row">{x.name}</th>
                <td>{g.name ?? t('nps.ownTeam')}</td>
                <td>{x.regions.join(', ') || t('common.none')}</td>
                <td>{x.skills.join(', ') || t('common.none')}</td>
                <td>
                  <Certification c={x} nowMs={nowMs} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

function TeamSelect({
  partners,
  value,
  onChange,
}: {
  partners: PartnerResponse[];
  value: string;
  onChange(v: string): void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t('partners.col.team')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('nps.ownTeam')}</option>
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Both reads as one: loading until both are there, the first error otherwise. */
function both<A, B>(a: Loadable<A>, b: Loadable<B>): Loadable<[A, B]> {
  if (a.status === 'error') return a;
  if (b.status === 'error') return b;
  if (a.status === 'loading' || b.status === 'loading') return { status: 'loading' };
  return { status: 'ready', data: [a.data, b.data] };
}

/** The service network's partners and technicians: regions, skills, certification; adding them. */
export default function PartnersScreen() {
  const { t } = useI18n();
  const client = useApiClient();
  const nowMs = useMemo(() => Date.now(), []);
  const [partners, reloadPartners] = useApiGet<ListResponse<PartnerResponse>>('/api/partners');
  const [technicians, reloadTechnicians] =
    useApiGet<ListResponse<TechnicianResponse>>('/api/technicians');
  const [team, setTeam] = useState('');
  const partnerList = partners.status === 'ready' ? partners.data.items : [];
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('partners.title')}</h1>
      <p className="help">
        {t('partners.figuresHint')} <Link href="/network">{t('nav.network')}</Link>
      </p>
      {/* One read state for both lists: the technicians' teams are the partners' names. */}
      <AsyncState
        loadable={both(partners, technicians)}
        onRetry={() => {
          reloadPartners();
          reloadTechnicians();
        }}
      >
        {([p, x]) => (
          <>
            <div className="panel">
              <PartnerTable partners={p.items} nowMs={nowMs} />
            </div>
            <div className="panel">
              <TechnicianTable partners={p.items} technicians={x.items} nowMs={nowMs} />
            </div>
          </>
        )}
      </AsyncState>
      <div className="side-by-side">
        <NetworkEntryForm
          title={t('partners.addPartner')}
          submitLabel={t('partners.addPartner')}
          submit={async (form) => {
            await client.post('/api/partners', partnerRequest(form));
            reloadPartners();
          }}
        />
        <NetworkEntryForm
          title={t('partners.addTechnician')}
          submitLabel={t('partners.addTechnician')}
          extra={<TeamSelect partners={partnerList} value={team} onChange={setTeam} />}
          submit={async (form) => {
            await client.post('/api/technicians', technicianRequest(form, team));
            reloadTechnicians();
          }}
        />
      </div>
    </section>
  );
}
