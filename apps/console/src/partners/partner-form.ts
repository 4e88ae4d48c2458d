import type { PartnerResponse, TechnicianResponse } from '@hourglass/contracts-api';

/** What the partner and technician forms hold: text as typed. */
export interface NetworkForm {
  id: string;
  name: string;
  /** Comma-separated. */
  regions: string;
  /** Comma-separated: asset types (`turbofan`) or type/component (`turbofan/hpc-module`). */
  skills: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  certifiedFrom: string;
  certifiedTo: string;
}

/** An empty form. */
export const EMPTY_FORM: NetworkForm = {
  id: '',
  name: '',
  regions: '',
  skills: '',
  certifiedFrom: '',
  certifiedTo: '',
};

/** The names of a comma-separated field: trimmed, empty ones dropped, each once. */
export function parseList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A date input's day as an instant: its start (UTC), or its last millisecond for an end. */
export function dayInstant(day: string, end: boolean): string | null {
  if (!day) return null;
  return `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;
}

function common(form: NetworkForm) {
  return {
    id: form.id.trim(),
    name: form.name.trim(),
    regions: parseList(form.regions),
    skills: parseList(form.skills),
    certifiedFrom: dayInstant(form.certifiedFrom, false),
    certifiedTo: dayInstant(form.certifiedTo, true),
  };
}

/** The `POST /api/partners` body of the form. */
export function partnerRequest(form: NetworkForm): PartnerResponse {
  return common(form);
}

/** The `POST /api/technicians` body of the form; `partnerId` empty is the own team (null). */
export function technicianRequest(form: NetworkForm, partnerId: string): TechnicianResponse {
  return { ...common(form), partnerId: partnerId || null };
}

/** Whether a certification holds at `nowMs`: none given, valid, not yet, or expired. */
export type CertificationStatus = 'none' | 'valid' | 'notYet' | 'expired';

export function certificationStatus(
  c: Pick<PartnerResponse, 'certifiedFrom' | 'certifiedTo'>,
  nowMs: number,
): CertificationStatus {
  if (!c.certifiedFrom && !c.certifiedTo) return 'none';
  if (c.certifiedFrom && Date.parse(c.certifiedFrom) > nowMs) return 'notYet';
  if (c.certifiedTo && Date.parse(c.certifiedTo) < nowMs) return 'expired';
  return 'valid';
}

/** Technicians per team: the own team (key '') first, then each partner by name; names sorted. */
export function teams(
  partners: readonly PartnerResponse[],
  technicians: readonly TechnicianResponse[],
): Array<{ partnerId: string; name: string | null; technicians: TechnicianResponse[] }> {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const own = technicians.filter((x) => x.partnerId === null).sort(byName);
  const result: Array<{
    partnerId: string;
    name: string | null;
    technicians: TechnicianResponse[];
  }> = own.length > 0 ? [{ partnerId: '', name: null, technicians: own }] : [];
  for (const p of [...partners].sort(byName)) {
    const members = technicians.filter((x) => x.partnerId === p.id).sort(byName);
    if (members.length > 0) result.push({ partnerId: p.id, name: p.name, technicians: members });
  }
  return result;
}
