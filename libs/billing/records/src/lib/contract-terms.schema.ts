import { CATEGORIES, isValidTimeZone, minorUnitDigits } from '@hourglass/billing-uptime';
import { z } from 'zod';

const decimal = z.string().regex(/^-?\d{1,12}(\.\d{1,10})?$/, 'a decimal string, e.g. "120.50"');
const fraction = decimal.refine(
  (s) => Number(s) >= 0 && Number(s) <= 1,
  'a fraction between 0 and 1',
);
const nonNegative = decimal.refine((s) => Number(s) >= 0, 'not negative');
const seconds = z
  .number()
  .int()
  .min(0)
  .max(10 * 366 * 86_400);

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. EUR')
  .refine((c) => {
    try {
      minorUnitDigits(c);
      return true;
    } catch {
      return false;
    }
  }, 'an ISO 4217 currency code this runtime knows');

/**
 * Contract terms as the API accepts them (uptime-billing spec §1): every field optional except when
 * creating a contract (tz, currency, ratePerHour, slaTarget); what is left out takes the spec's
 * default, or the previous version's value for a new version.
 */
export const contractTermsSchema = z
  .object({
    tz: z.string().refine(isValidTimeZone, 'an IANA time zone, e.g. Europe/Berlin'),
    currency,
    ratePerHour: nonNegative,
    tiers: z
      .array(z.object({ upToHours: nonNegative.nullable(), ratePerHour: nonNegative }).strict())
      .max(50)
      .optional(),
    minimumCommitment: nonNegative,
    hoursBasis: z.enum(['STATE', 'METER']),
    hourRoundingUnit: decimal.refine((s) => Number(s) > 0, 'positive'),
    hourRoundingMode: z.enum(['CEIL', 'HALF_UP', 'FLOOR']),
    slaTarget: fraction,
    creditBands: z.array(z.object({ lo: fraction, hi: decimal, pct: fraction }).strict()).max(50),
    creditCapPct: fraction,
    creditMinAmount: nonNegative,
    plannedAllowanceSeconds: seconds,
    plannedNoticeSeconds: seconds,
    heartbeatTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400),
    unknownPolicy: z.enum(['EXCLUDE', 'AVAILABLE', 'UNAVAILABLE']),
    maxUnknownFraction: fraction,
    graceSeconds: seconds,
    lookbackPeriods: z.number().int().min(0).max(120),
    materialityThreshold: nonNegative,
    categoryOrder: z
      .array(z.enum(CATEGORIES))
      .length(CATEGORIES.length)
      .refine((a) => new Set(a).size === a.length, 'each category once'),
  })
  .partial()
  .strict();

export type ContractTermsInput = z.infer<typeof contractTermsSchema>;
