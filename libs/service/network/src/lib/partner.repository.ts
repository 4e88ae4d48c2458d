import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import type { Partner, Technician } from './service-network.types';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const list = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : (v as string[]));

const toPartner = (r: Record<string, unknown>): Partner => ({
  id: String(r.id),
  name: String(r.name),
  regions: list(r.regions),
  skills: list(r.skills),
  certifiedFrom: iso(r.certified_from),
  certifiedTo: iso(r.certified_to),
});

const toTechnician = (r: Record<string, unknown>): Technician => ({
  ...toPartner(r),
  partnerId: (r.partner_id as string | null) ?? null,
});

/** A partner sees itself only; the provider every partner; a customer none. */
function partnerFilter(scope: Scope, column: string, params: unknown[]): string {
  if (scope.kind === 'provider') return 'true';
  if (scope.kind === 'tenant') return 'false';
  params.push(scope.partnerId);
  return `${column} = $${params.length}`;
}

/** Partners and technicians (migration 050). */
export class PartnerRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Inserts the partner; null when its id is taken. */
  async insert(p: Partner): Promise<Partner | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into service_partners (id, name, regions, skills, certified_from, certified_to)
       values ($1, $2, $3::jsonb, $4::jsonb, $5, $6) on conflict do nothing returning *`,
      [
        p.id,
        p.name,
        JSON.stringify(p.regions),
        JSON.stringify(p.skills),
        p.certifiedFrom,
        p.certifiedTo,
      ],
    );
    return rows[0] ? toPartner(rows[0]) : null;
  }

  async list(scope: Scope): Promise<Partner[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_partners where ${partnerFilter(scope, 'id', params)} order by id`,
      params as SqlValue[],
    );
    return rows.map(toPartner);
  }

  async get(scope: Scope, id: string): Promise<Partner | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_partners where id = $1 and ${partnerFilter(scope, 'id', params)}`,
      params as SqlValue[],
    );
    return rows[0] ? toPartner(rows[0]) : null;
  }

  /** Inserts the technician; null when its id is taken. */
  async insertTechnician(t: Technician): Promise<Technician | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into service_technicians (id, name, partner_id, regions, skills, certified_from, certified_to)
       values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7) on conflict do nothing returning *`,
      [
        t.id,
        t.name,
        t.partnerId,
        JSON.stringify(t.regions),
        JSON.stringify(t.skills),
        t.certifiedFrom,
        t.certifiedTo,
      ],
    );
    return rows[0] ? toTechnician(rows[0]) : null;
  }

  /** Technicians in the scope: a partner's own, or all of them for the provider. */
  async technicians(scope: Scope): Promise<Technician[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from service_technicians where ${partnerFilter(scope, 'partner_id', params)} order by id`,
      params as SqlValue[],
    );
    return rows.map(toTechnician);
  }

  async technician(scope: Scope, id: string): Promise<Technician | null> {
    return (await this.technicians(scope)).find((t) => t.id === id) ?? null;
  }
}
