import type { Scope } from '@hourglass/platform-tenancy';
import { SuccessError } from '../success.error';
import { npsOf, type NpsFigure } from './nps';
import type { NpsAnswer, NpsAnswerRepository } from './nps-answer.repository';
import { UNATTRIBUTED, type CompletedOrderPort, type OrderAttributionPort } from './nps.ports';

/** Who answers: the caller's scope and name, and whether it is one of the customer's own users. */
export interface NpsRespondent {
  scope: Scope;
  actor: string;
  /** True for a customer user (role `customer`); provider staff may not answer for the customer. */
  customer: boolean;
}

/** The answer to the one question (0-10) with an optional comment. */
export interface NpsAnswerInput {
  score: number;
  comment?: string | null;
}

/** NPS of a group (a tenant, partner or region; null = none recorded) with its counts. */
export type NpsGroup<K extends string> = Record<K, string | null> & NpsFigure;

/** NPS over the answers given in a period: overall and per tenant, partner and region. */
export interface NpsReport {
  from: string;
  to: string;
  overall: NpsFigure;
  byTenant: Array<NpsGroup<'tenantId'>>;
  /** Null partner: served by the provider's own team (or before partners were recorded). */
  byPartner: Array<NpsGroup<'partnerId'>>;
  byRegion: Array<NpsGroup<'region'>>;
}

/** What {@link NpsService} reads and writes. */
export interface NpsDependencies {
  answers: NpsAnswerRepository;
  orders: CompletedOrderPort;
  /** Partner and region of an order (default {@link UNATTRIBUTED}). */
  attribution?: OrderAttributionPort;
  clock?: () => number;
}

const MAX_COMMENT = 2000;

function groupBy<K extends 'tenantId' | 'partnerId' | 'region'>(
  answers: readonly NpsAnswer[],
  key: K,
): Array<NpsGroup<K>> {
  const groups = new Map<string | null, number[]>();
  for (const a of answers) groups.set(a[key], [...(groups.get(a[key]) ?? []), a.score]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a ?? '').localeCompare(b ?? '') || (a === null ? -1 : 1))
    .map(([k, scores]) => ({ [key]: k, ...npsOf(scores) }) as NpsGroup<K>);
}

/** The customer's voice (spec section 2): one answer per completed order, and NPS per period. */
export class NpsService {
  private readonly answers: NpsAnswerRepository;
  private readonly orders: CompletedOrderPort;
  private readonly attribution: OrderAttributionPort;
  private readonly clock: () => number;

  constructor(deps: NpsDependencies) {
    this.answers = deps.answers;
    this.orders = deps.orders;
    this.attribution = deps.attribution ?? UNATTRIBUTED;
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * Records the answer of a customer user to the question after order `taskId`.
   *
   * @throws SuccessError `SUCCESS_INVALID` (score not an integer 0-10, comment too long),
   *   `NPS_FORBIDDEN` (not a customer user), `NPS_NOT_FOUND` (no such order in the caller's tenant),
   *   `NPS_CONFLICT` (the order is not done, or was answered already).
   */
  async answer(who: NpsRespondent, taskId: string, input: NpsAnswerInput): Promise<NpsAnswer> {
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 10)
      throw new SuccessError('SUCCESS_INVALID', 'score must be an integer from 0 to 10');
    if ((input.comment?.length ?? 0) > MAX_COMMENT)
      throw new SuccessError('SUCCESS_INVALID', `comment: at most ${MAX_COMMENT} characters`);
    if (!who.customer || who.scope.kind !== 'tenant')
      throw new SuccessError('NPS_FORBIDDEN', "only the customer's own users answer the question");
    const order = await this.orders.order(who.scope, taskId);
    if (!order) throw new SuccessError('NPS_NOT_FOUND', `no order ${taskId}`);
    if (order.completedAt === null)
      throw new SuccessError('NPS_CONFLICT', `order ${taskId} is not completed yet`);
    const { partnerId, region } = await this.attribution.attribution(order.tenantId, taskId);
    const stored = await this.answers.insertIfNone({
      taskId,
      tenantId: order.tenantId,
      assetId: order.assetId,
      score: input.score,
      comment: input.comment ?? null,
      answeredBy: who.actor,
      orderCompletedAt: order.completedAt,
      answeredAt: new Date(this.clock()).toISOString(),
      partnerId,
      region,
    });
    if (!stored) throw new SuccessError('NPS_CONFLICT', `order ${taskId} was answered already`);
    return stored;
  }

  /** NPS of the answers given in `[from, to)` in `scope` (a customer sees only its own). */
  async report(scope: Scope, from: string, to: string): Promise<NpsReport> {
    const answers = await this.answers.answeredIn(scope, from, to);
    return {
      from,
      to,
      overall: npsOf(answers.map((a) => a.score)),
      byTenant: groupBy(answers, 'tenantId'),
      byPartner: groupBy(answers, 'partnerId'),
      byRegion: groupBy(answers, 'region'),
    };
  }
}
