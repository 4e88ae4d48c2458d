import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { computeWindow } from './windowing';

/** Props of {@link WindowedList}. */
export interface WindowedListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Height of the scrolling viewport in pixels. */
  height: number;
  /** Accessible name of the scrolling region. */
  label: string;
  /** Column header row, rendered above the rows (role="row"). */
  header: ReactNode;
  renderRow(item: T, index: number): ReactNode;
  rowKey(item: T): string;
  /** Class of every row (e.g. the grid of its cells). */
  rowClassName?: string;
}

/**
 * A table of fixed-height rows that renders only what is in view (plus an overscan), so a list of
 * 10,000 assets costs as much as one of 30. The scroller is focusable so the keyboard scrolls it.
 */
export function WindowedList<T>({
  items,
  rowHeight,
  height,
  label,
  header,
  renderRow,
  rowKey,
  rowClassName = '',
}: WindowedListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    // A new filter may leave the old position past the end.
    const el = scroller.current;
    if (el && el.scrollTop > items.length * rowHeight) el.scrollTop = 0;
  }, [items, rowHeight]);
  const win = computeWindow({ count: items.length, rowHeight, scrollTop, viewportHeight: height });
  return (
    <div className="windowed" role="table" aria-label={label} aria-rowcount={items.length + 1}>
      <div role="rowgroup" className="windowed-head">
        {header}
      </div>
      <div
        ref={scroller}
        className="windowed-scroller"
        style={{ height }}
        tabIndex={0}
        role="rowgroup"
        aria-label={label}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: win.totalHeight, position: 'relative' }}>
          <div style={{ transform: `translateY(${win.offsetTop}px)` }}>
            {items.slice(win.start, win.end).map((item, i) => (
              <div
                key={rowKey(item)}
                role="row"
                aria-rowindex={win.start + i + 2}
                className={`windowed-row ${rowClassName}`}
                style={{ height: rowHeight }}
              >
                {renderRow(item, win.start + i)}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
