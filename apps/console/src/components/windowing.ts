/** What a windowed list renders for the current scroll position. */
export interface ListWindow {
  /** First rendered row (inclusive) and the row after the last rendered one. */
  start: number;
  end: number;
  /** Pixel offset of the first rendered row, and the height of every row together. */
  offsetTop: number;
  totalHeight: number;
}

/** Inputs of {@link computeWindow}, all in pixels but `count` and `overscan` (rows). */
export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge so fast scrolling shows no blank strip (default 8). */
  overscan?: number;
}

/** The rows of a fixed-row-height list that intersect the viewport, plus the overscan. */
export function computeWindow({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan = 8,
}: WindowInput): ListWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopFor(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
