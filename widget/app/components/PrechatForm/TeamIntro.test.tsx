// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRECHAT_FIELDS } from '../../../../sdk/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { PrechatForm } from './PrechatForm.tsx';
import { replyTime } from './TeamIntro.tsx';

afterEach(cleanup);

const TEAM = { name: 'Fibernet Support', avatars: ['MK', 'JS', 'https://cdn.example.com/al.png'] };

describe('the pre-chat panel: who answers', () => {
  it('names the team, says how soon it replies and shows the queue’s greeting instead of the standard intro', () => {
    renderWidget(
      <PrechatForm
        fields={DEFAULT_PRECHAT_FIELDS}
        onStart={vi.fn()}
        team={TEAM}
        replyEstimate={{ minS: 120, maxS: 300 }}
        greeting="Questions about your line? We answer in minutes."
      />,
    );
    const team = screen.getByRole('region', { name: 'Who answers' });
    expect(within(team).getByText('Fibernet Support')).toBeTruthy();
    expect(screen.getByTestId('widget.team.reply').textContent).toBe('Usually replies in about 4 minutes');
    expect(screen.getByTestId('widget.prechat.greeting').textContent).toBe(
      'Questions about your line? We answer in minutes.',
    );
    expect(screen.queryByText(/Tell us your name/)).toBeNull();
    // The avatars are decoration, hidden from screen readers; a picture has an empty alternative.
    const avatars = team.querySelector('.w-team__avatars');
    expect(avatars?.getAttribute('aria-hidden')).toBe('true');
    expect(avatars?.textContent).toBe('MKJS');
    expect(avatars?.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(avatars?.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/al.png');
    // The form comes after, and still starts with the name.
    expect(screen.getByLabelText('Your name')).toBeTruthy();
  });

  it('without a team, greeting or estimate: the panel as before', () => {
    renderWidget(<PrechatForm fields={DEFAULT_PRECHAT_FIELDS} onStart={vi.fn()} />);
    expect(screen.queryByTestId('widget.team')).toBeNull();
    expect(screen.getByText(/Tell us your name/)).toBeTruthy();
  });

  it('only a reply time: no name, still the reply line', () => {
    renderWidget(
      <PrechatForm fields={DEFAULT_PRECHAT_FIELDS} onStart={vi.fn()} replyEstimate={{ minS: 0, maxS: 60 }} />,
    );
    expect(screen.getByTestId('widget.team.reply').textContent).toBe('Usually replies in under a minute');
  });

  it('in Arabic, with the plural the count needs', async () => {
    renderWidget(
      <PrechatForm
        fields={DEFAULT_PRECHAT_FIELDS}
        onStart={vi.fn()}
        team={{ name: 'فريق الدعم', avatars: ['م'] }}
        replyEstimate={{ minS: 60, maxS: 180 }}
      />,
      'ar',
    );
    // Arabic arrives on demand.
    expect(await screen.findByRole('region', { name: 'من يجيب' })).toBeTruthy();
    expect(screen.getByTestId('widget.team.reply').textContent).toBe('يرد عادةً في غضون دقيقتين تقريبًا');
  });

  it.each([
    [
      { minS: 0, maxS: 60 },
      { key: 'underMinute', count: 0 },
    ],
    [
      { minS: 0, maxS: 120 },
      { key: 'minutes', count: 1 },
    ],
    [
      { minS: 240, maxS: 420 },
      { key: 'minutes', count: 6 },
    ],
    [
      { minS: 3600, maxS: 5400 },
      { key: 'overHour', count: 60 },
    ],
  ])('%j reads as %j', (estimate, words) => {
    expect(replyTime(estimate)).toEqual(words);
  });
});
