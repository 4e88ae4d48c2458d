import type { NpsAnswerRequest, TaskResponse, UserRole } from '@hourglass/contracts-api';

/** The scores of the question, 0 (not at all likely) to 10 (extremely likely). */
export const NPS_SCORES: readonly number[] = Array.from({ length: 11 }, (_, i) => i);

/**
 * Orders answered in this tab: the API takes one answer per order (a second is a 409), and there
 * is no read of one's own answers, so the console remembers what it sent to stop asking again.
 */
const answeredHere = new Set<string>();

/** Records that `taskId` was answered (or the API said it was). */
export function markAnswered(taskId: string): void {
  answeredHere.add(taskId);
}

/** Whether to ask the question on this order: a customer's user, the order done, not answered here. */
export function asksNps(task: Pick<TaskResponse, 'id' | 'status'>, role: UserRole): boolean {
  return role === 'customer' && task.status === 'DONE' && !answeredHere.has(task.id);
}

/** The `POST /api/nps` body, or null while no score is chosen (a blank comment is left out). */
export function npsAnswerBody(
  taskId: string,
  score: number | null,
  comment: string,
): NpsAnswerRequest | null {
  if (score === null || !Number.isInteger(score) || score < 0 || score > 10) return null;
  const text = comment.trim();
  return text ? { taskId, score, comment: text } : { taskId, score };
}
