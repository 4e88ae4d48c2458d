import type { z } from 'zod';
import type {
  billingAdjustmentResponseSchema,
  billingRecordResponseSchema,
  billingReviewResponseSchema,
  billingRunStatusSchema,
} from './schemas/contract.schemas';

export type BillingRunStatus = z.infer<typeof billingRunStatusSchema>;

/** How a revision of a finalised period settles its difference with the one issued before. */
export type BillingAdjustmentResponse = z.infer<typeof billingAdjustmentResponseSchema>;

/** Review state: reasons block automatic finalisation until someone approves. */
export type BillingReviewResponse = z.infer<typeof billingReviewResponseSchema>;

/** `GET /api/contracts/{id}/billing-records` items: one period's latest revision. Amounts are decimal strings. */
export type BillingRecordResponse = z.infer<typeof billingRecordResponseSchema>;
