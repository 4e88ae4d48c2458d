import { z } from 'zod';
import { instant } from './envelope.schemas';

/** `PUT /api/warning-policies/{assetType}` body (provider users). */
export const warningPolicyRequestSchema = z
  .object({
    threshold: z
      .number()
      .min(0)
      .max(1)
      .describe('Probability of failure within the horizon that counts.'),
    horizon: z.number().int().min(1).max(100_000).describe('Cycles ahead the probability looks.'),
    consecutive: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .describe(
        'K: scores at or above the threshold among the last window (default: in a row) before a task.',
      ),
    component: z.string().min(1).max(100).optional().describe('Component the task replaces.'),
    window: z
      .number()
      .int()
      .min(1)
      .max(1_000)
      .optional()
      .describe('N: K of the last N scores raise an order; default consecutive (K in a row).'),
    clearThreshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'After a model order, none again until the risk went below this; default threshold.',
      ),
    cooldownHours: z
      .number()
      .min(0)
      .max(100_000)
      .optional()
      .describe("Hours after an asset's order closed before the model raises another; default 0."),
  })
  .strict()
  .refine((p) => p.window === undefined || p.window >= p.consecutive, {
    message: 'window: at least consecutive (K of the last N scores)',
    path: ['window'],
  })
  .refine((p) => p.clearThreshold === undefined || p.clearThreshold <= p.threshold, {
    message: 'clearThreshold: at most threshold',
    path: ['clearThreshold'],
  });

/** `GET /api/warning-policies` items, `GET/PUT /api/warning-policies/{assetType}`. */
export const warningPolicyResponseSchema = z.strictObject({
  assetType: z.string(),
  threshold: z.number(),
  horizon: z.number().int(),
  consecutive: z.number().int(),
  component: z.string(),
  window: z.number().int().optional(),
  clearThreshold: z.number().optional(),
  cooldownHours: z.number().optional(),
  updatedBy: z.string(),
  updatedAt: instant,
});
