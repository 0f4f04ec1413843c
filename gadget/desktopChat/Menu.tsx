/**
 * A "•••" (or any) button that opens a small menu (WAI-ARIA menu button pattern): the first item
 * takes the focus, arrow keys move, Home/End jump, Escape or Tab closes and the focus goes back
 * to the button, a click outside closes it. The list is drawn on the page's body (a portal), fixed
 * under its button, so that no scrolling list, moved row or window around the button clips it.
 */
import { createPortal } from 'react-dom';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly onSelect: () => void;
}

export interface MenuProps {
  label: string;
  items: readonly MenuItem[];
  testId: string;
  className?: string;
  /** What the button shows (default: three dots). */
  children?: ReactNode;
  tabIndex?: number;
}

export function Menu({ label, items, testId, className = 'dc-menu__button', children, tabIndex }: MenuProps) {
  const [open, setOpen] = useState(false);
  /** Where the list shows: fixed under the button, so no scrolling list or window clips it. */
  const [place, setPlace] = useState<CSSProperties>({});
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const go = (next: number) => {
      event.preventDefault();
      entries[(next + entries.length) % entries.length]?.focus();
    };
    if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(entries.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <span className="dc-menu">
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        tabIndex={tabIndex}
        onClick={(event) => {
          event.stopPropagation();
          if (!open) setPlace(placeUnder(event.currentTarget));
          setOpen(!open);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setPlace(placeUnder(event.currentTarget));
            setOpen(true);
          }
        }}
      >
        {children ?? <span aria-hidden="true">•••</span>}
      </button>
      {open &&
        createPortal(
          <ul
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={label}
            className="dc-menu__list"
            style={place}
            onKeyDown={onKeyDown}
          >
            {items.map((item) => (
              <li
                key={item.id}
                role="menuitem"
                tabIndex={-1}
                aria-disabled={item.disabled || undefined}
                className={`dc-menu__item${item.danger ? ' dc-menu__item--danger' : ''}`}
                data-testid={`${testId}.${item.id}`}
                onClick={(event) => {
                  event.stopPropagation();
                  if (item.disabled) return;
                  close(false);
                  item.onSelect();
                }}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault();
                  event.stopPropagation();
                  if (item.disabled) return;
                  close(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </li>
            ))}
          </ul>,
          document.body,
        )}
    </span>
  );
}

/** The list's fixed position: under the button, its end edge on the button's (start edge in RTL). */
function placeUnder(button: HTMLElement): CSSProperties {
  const rect = button.getBoundingClientRect();
  const view = button.ownerDocument.documentElement;
  const rtl = getComputedStyle(button).direction === 'rtl';
  const below = rect.bottom + 2;
  // Opens upwards when there is no room below (a row at the bottom of the gadget).
  const vertical =
    below + 160 > view.clientHeight ? { bottom: view.clientHeight - rect.top + 2 } : { top: below };
  return rtl
    ? { position: 'fixed', ...vertical, left: rect.left }
    : { position: 'fixed', ...vertical, right: view.clientWidth - rect.right };
}
