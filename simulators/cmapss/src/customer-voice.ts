import type { TaskResponse } from '@hourglass/contracts-api';
import { createSeededRandom, randomIndex, type RandomSource } from './seeded-random';
import { errorMessage } from './simulator-error';

/** What the simulated customer asks of the platform: its public REST API, as a customer user. */
export interface CustomerVoiceApi {
  /** The customer's own completed orders (`GET /api/tasks?status=DONE`). */
  completedOrders(): Promise<TaskResponse[]>;
  /** `POST /api/nps`: ANSWERED (201), ALREADY (409: answered before), REFUSED (404, 403, 400). */
  answer(taskId: string, score: number): Promise<'ANSWERED' | 'ALREADY' | 'REFUSED'>;
}

/** Options of {@link CustomerVoice}. */
export interface CustomerVoiceOptions {
  api: CustomerVoiceApi;
  /** The scores it picks from, at random (default mostly promoters, some passives, one detractor). */
  scores?: readonly number[];
  /** Seed of the random picks (default 15): the same orders get the same answers. */
  seed?: number;
  /** How long after completion it answers (default 2 s). */
  answerAfterMs?: number;
  /** How often the completed orders are read (default 2 s; 0: only when {@link CustomerVoice.round} is called). */
  pollMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

const DEFAULT_SCORES = [10, 9, 9, 8, 10, 7, 9, 6];

/**
 * The demo's customer: it answers the one question (spec section 2, 0-10) once for each of its
 * completed orders, a while after completion, through the API like any customer user.
 */
export class CustomerVoice {
  /** The answers it gave, by order id. */
  readonly answered = new Map<string, number>();
  private readonly settled = new Set<string>();
  private readonly random: RandomSource;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: CustomerVoiceOptions) {
    this.random = createSeededRandom(options.seed ?? 15);
  }

  start(): this {
    if (this.options.pollMs !== 0) this.schedule(0);
    return this;
  }

  /** Answers every completed order not answered yet whose wait is over. */
  async round(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const after = this.options.answerAfterMs ?? 2_000;
    for (const order of await this.options.api.completedOrders()) {
      if (this.settled.has(order.id) || order.completedAt === null) continue;
      if (Date.parse(order.completedAt) + after > now) continue;
      const scores = this.options.scores ?? DEFAULT_SCORES;
      const score = scores[randomIndex(this.random, scores.length)];
      const outcome = await this.options.api.answer(order.id, score);
      this.settled.add(order.id);
      if (outcome === 'ANSWERED') {
        this.answered.set(order.id, score);
        this.log(`answered ${score} for order ${order.id}`);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error: unknown) => this.log(`round failed: ${errorMessage(error)}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.pollMs ?? 2_000);
        });
    }, delayMs);
  }

  private log(line: string): void {
    this.options.log?.(`customer: ${line}`);
  }
}
