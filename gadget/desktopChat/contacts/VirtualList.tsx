/**
 * A windowed list of fixed-height rows: only the rows in view (and a few either side) are in the
 * DOM, so a roster of thousands scrolls as smoothly as one of twenty. The scroll box keeps the full
 * height; rows are placed by `translateY`. `scrollToIndex` brings a row into view (keyboard focus).
 */
import {
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
} from 'react';

export interface VirtualListHandle {
  scrollToIndex(index: number): void;
}

export interface VirtualListProps<T> extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  items: readonly T[];
  rowHeight: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  /** Height assumed before the box is measured (jsdom, first render). */
  initialHeight?: number;
  renderRow: (item: T, index: number, style: { transform: string; height: number }) => ReactNode;
  /** Attributes of the element that holds the rows (its role, label…). */
  innerProps?: HTMLAttributes<HTMLDivElement> & { [data: `data-${string}`]: string };
  handle?: Ref<VirtualListHandle>;
}

export function visibleRange(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan: number,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 6,
  initialHeight = 400,
  renderRow,
  innerProps,
  handle,
  ...outer
}: VirtualListProps<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(initialHeight);

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight > 0) setHeight(element.clientHeight);
    };
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useImperativeHandle(
    handle,
    () => ({
      scrollToIndex(index: number) {
        const element = box.current;
        if (!element) return;
        const top = index * rowHeight;
        const view = element.clientHeight || height;
        let next = element.scrollTop;
        if (top < next) next = top;
        else if (top + rowHeight > next + view) next = top + rowHeight - view;
        element.scrollTop = next;
        // The wanted position, not the read-back one: the row must be rendered before it is focused.
        setScrollTop(next);
      },
    }),
    [rowHeight, height],
  );

  const [first, last] = visibleRange(items.length, rowHeight, scrollTop, height, overscan);
  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      renderRow(items[index] as T, index, {
        transform: `translateY(${index * rowHeight}px)`,
        height: rowHeight,
      }),
    );
  }
  return (
    <div {...outer} ref={box} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
      <div {...innerProps} style={{ position: 'relative', height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
