/** The figures of one group (everything, a partner, a region, an asset type), each with its inputs. */
export interface ServiceGroupFiguresResponse {
  firstTimeFix: { rate: number | null; fixedFirstTime: number; attempted: number };
  responseTime: { meanHours: number | null; orders: number };
  /** Money as decimal strings. */
  revenuePerEngineer: { value: string | null; revenue: string; activeTechnicians: number };
  inputOutput: { ratio: number | null; revenue: string; cost: string };
}

/** First-time fix of the orders whose first visit brought parts from one source. */
export interface FirstTimeFixOfSourceResponse {
  rate: number | null;
  fixedFirstTime: number;
  attempted: number;
  /** Of `attempted`, fixed on the first visit before the 30-day repeat rule. */
  firstVisitFixed: number;
}

/** `GET /api/service-network/figures?from&to` (partner groups keyed by id, `own-team` for the provider's). */
export interface ServiceFiguresResponse {
  period: { from: string; to: string };
  overall: ServiceGroupFiguresResponse;
  byPartner: Record<string, ServiceGroupFiguresResponse>;
  byRegion: Record<string, ServiceGroupFiguresResponse>;
  byAssetType: Record<string, ServiceGroupFiguresResponse>;
  responseTimeByPriority: Record<string, ServiceGroupFiguresResponse['responseTime']>;
  lifecycleCost: Array<{
    assetType: string;
    cost: string;
    operatingYears: number;
    costPerOperatingYear: string | null;
  }>;
  /** First-time fix split by the first visit's parts source (the order's suggestion or a default kit). */
  firstTimeFixByPartsSource: Record<'SUGGESTION' | 'DEFAULT_KIT', FirstTimeFixOfSourceResponse>;
}

/** `GET /api/partners` item: a certified service partner. */
export interface PartnerResponse {
  id: string;
  name: string;
  regions: string[];
  skills: string[];
  certifiedFrom: string | null;
  certifiedTo: string | null;
}

/** `GET /api/technicians` item: of the own team (`partnerId` null) or of a partner. */
export interface TechnicianResponse {
  id: string;
  name: string;
  partnerId: string | null;
  regions: string[];
  skills: string[];
  certifiedFrom: string | null;
  certifiedTo: string | null;
}
