import type { FinesseUser, ReasonCodeInfo, RestResponse } from './finesse/types.ts';
import { h } from './dom.ts';

/** The header's voice-state control: a select (Ready / Not Ready with reasons), the state, time in state. */
export interface VoiceStateControl {
  readonly element: HTMLElement;
  update(user: FinesseUser): void;
  setReasonCodes(codes: readonly ReasonCodeInfo[]): void;
  dispose(): void;
}

const LABELS: Record<string, string> = {
  READY: 'Ready',
  NOT_READY: 'Not Ready',
  LOGOUT: 'Signed Out',
  RESERVED: 'Reserved',
  TALKING: 'Talking',
  HOLD: 'Hold',
  WORK: 'Wrap-Up',
  WORK_READY: 'Wrap-Up',
};

/** On a call: only a NOT_READY can be chosen, and it waits for the call's end (pendingState). */
const ON_CALL = ['RESERVED', 'TALKING', 'HOLD'];
const WRAP_UP = ['WORK', 'WORK_READY'];

/** How long to wait for the notification that follows an accepted (202) change. */
const NOTIFICATION_GRACE_MS = 5000;

/** `1:02:03` or `02:03`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

export function createVoiceStateControl(options: { onError: (message: string) => void }): VoiceStateControl {
  let user: FinesseUser | undefined;
  let reasonCodes: readonly ReasonCodeInfo[] = [];
  let since = Date.now();

  const select = h('select', { id: 'voice-state', className: 'state-select', testid: 'desktop.voiceState' });
  const current = h('span', { className: 'state-code', testid: 'desktop.voiceState.current' });
  const pending = h('span', {
    className: 'state-pending',
    testid: 'desktop.voiceState.pending',
    hidden: true,
  });
  /** The label of the NOT_READY this desktop asked for during a call (User has no pending reason). */
  let pendingLabel = '';
  const timer = h('span', { className: 'state-timer', 'aria-label': 'Time in state' }, '00:00');
  const element = h(
    'div',
    { className: 'voice-state', 'data-state': '' },
    h('span', { className: 'state-dot', 'aria-hidden': 'true' }),
    h('label', { for: 'voice-state', className: 'visually-hidden' }, 'Voice state'),
    select,
    current,
    pending,
    timer,
  );

  const tick = () => (timer.textContent = formatDuration(Date.now() - since));
  const interval = setInterval(tick, 1000);

  const valueOf = (state: string, reasonId: number | undefined) =>
    state === 'NOT_READY' && reasonId !== undefined ? `NOT_READY:${reasonId}` : state;

  const render = () => {
    if (!user) return;
    const state = user.getState() ?? '';
    const onCall = ON_CALL.includes(state);
    const value = onCall ? state : valueOf(state, user.getNotReadyReasonCodeId());
    const options = [
      h('option', { value: 'READY', disabled: onCall }, 'Ready'),
      h('option', { value: 'NOT_READY' }, 'Not Ready'),
      ...reasonCodes.map((code) =>
        h('option', { value: `NOT_READY:${code.id}` }, `Not Ready - ${code.label}`),
      ),
    ];
    // A state the agent cannot pick (TALKING, RESERVED…) still shows, as Finesse does.
    if (!options.some((option) => option.value === value)) {
      const label =
        state === 'NOT_READY'
          ? `Not Ready - ${user.getReasonCodeLabel() || 'Other'}`
          : (LABELS[state] ?? state);
      options.unshift(h('option', { value, disabled: true }, label));
    }
    select.replaceChildren(...options);
    select.value = value;
    select.disabled = !onCall && !WRAP_UP.includes(state) && state !== 'READY' && state !== 'NOT_READY';
    current.textContent = state;
    element.dataset.state = state;
    const pendingState = user.getPendingState();
    pending.hidden = !pendingState;
    pending.textContent = pendingState ? `Next: ${pendingLabel || LABELS[pendingState] || pendingState}` : '';
    if (!pendingState) pendingLabel = '';
    const changed = Date.parse(user.getStateChangeTime() ?? '');
    since = Number.isNaN(changed) ? Date.now() : changed;
    tick();
  };

  select.addEventListener('change', () => {
    if (!user) return;
    const [state = '', reasonId] = select.value.split(':');
    if (ON_CALL.includes(user.getState() ?? '')) pendingLabel = select.selectedOptions[0]?.textContent ?? '';
    select.disabled = true; // until the notification brings the new state (PUT answers 202 only)
    user.setState(state, reasonId ? { id: reasonId } : null, {
      // Normally the notification re-renders first; this only unlocks the select if it never comes.
      success: () => setTimeout(render, NOTIFICATION_GRACE_MS),
      error: (response: RestResponse) => {
        const apiError = response.object?.ApiErrors;
        const message =
          apiError && typeof apiError === 'object' && !Array.isArray(apiError)
            ? apiError.ApiError
            : undefined;
        const text =
          message && typeof message === 'object' && !Array.isArray(message)
            ? message.ErrorMessage
            : undefined;
        options.onError(typeof text === 'string' && text ? text : 'The state change failed.');
        render();
      },
    });
  });

  return {
    element,
    update(next) {
      user = next;
      render();
    },
    setReasonCodes(codes) {
      reasonCodes = codes;
      render();
    },
    dispose: () => clearInterval(interval),
  };
}
