// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeepLatestInView } from './useKeepLatestInView.ts';

afterEach(cleanup);

function Probe() {
  useKeepLatestInView();
  return <div className="ui-messages" data-testid="log" />;
}

/** jsdom has no layout: the log's sizes are set by hand, as the browser would have them. */
function sized(el: HTMLElement, scrollHeight: number, clientHeight: number, scrollTop: number) {
  Object.defineProperty(el, 'scrollHeight', { configurable: true, value: scrollHeight });
  Object.defineProperty(el, 'clientHeight', { configurable: true, value: clientHeight });
  el.scrollTop = scrollTop;
}

describe('keeping the latest message in view', () => {
  it('scrolls to the end when the panel shrinks while the customer reads the end', () => {
    const log = render(<Probe />).getByTestId('log');
    sized(log, 1000, 600, 400);
    log.dispatchEvent(new Event('scroll'));
    sized(log, 1000, 300, 400); // the keyboard took 300 px
    window.dispatchEvent(new Event('resize'));
    expect(log.scrollTop).toBe(1000);
  });

  it('leaves the place of a customer who scrolled up to read', () => {
    const log = render(<Probe />).getByTestId('log');
    sized(log, 2000, 600, 100);
    log.dispatchEvent(new Event('scroll'));
    sized(log, 2000, 300, 100);
    window.dispatchEvent(new Event('resize'));
    expect(log.scrollTop).toBe(100);
  });
});
