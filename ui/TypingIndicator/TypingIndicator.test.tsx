// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TypingIndicator } from './TypingIndicator.tsx';

afterEach(cleanup);

const typingText = (names: string) => `${names} is typing…`;

describe('TypingIndicator', () => {
  it('names everyone typing in a polite live region', () => {
    const { container } = render(
      <TypingIndicator names={['Ada', 'Grace']} describe={typingText} testId="app.typing" />,
    );
    expect(screen.getByTestId('app.typing').textContent).toBe('Ada, Grace is typing…');
    expect(container.firstElementChild?.getAttribute('aria-live')).toBe('polite');
    expect(container.querySelector('.ui-dots')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('keeps the empty live region while nobody types', () => {
    const { container } = render(<TypingIndicator names={[]} describe={typingText} testId="app.typing" />);
    expect(screen.queryByTestId('app.typing')).toBeNull();
    expect(container.firstElementChild?.getAttribute('aria-live')).toBe('polite');
  });
});
