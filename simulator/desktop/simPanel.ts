import { h } from './dom.ts';
import type { FinesseDialog } from './finesse/types.ts';
import { createNodeAdmin, type NodeAdmin } from './nodeAdmin.ts';
import { completeWrapUp, endCall, placeCall, type CallKind } from './simApi.ts';

export interface SimPanel {
  readonly element: HTMLElement;
  /** Re-reads what the buttons depend on: the agent's state and the call on screen. */
  update(state: string, dialog: FinesseDialog | undefined): void;
  dispose(): void;
}

const CALLS: { kind: CallKind; label: string; hint: string }[] = [
  { kind: 'inbound', label: 'Inbound call', hint: 'Routed by the ACD: READY agents only' },
  { kind: 'transfer', label: 'Transfer', hint: 'A customer transferred by a colleague' },
  { kind: 'conference', label: 'Conference', hint: 'Joined to a colleague and a customer' },
  { kind: 'consult', label: 'Consult', hint: 'A colleague asks for advice' },
  { kind: 'direct', label: 'Direct call', hint: 'Someone dials your extension' },
];

const WRAP_UP_STATES = ['WORK', 'WORK_READY'];

/**
 * The simulator's side panel: the outside world a real desktop cannot reach. Ring the agent with
 * any of the five kinds of call (`callTypes.ts`), hang up as the caller, run out the wrap-up timer, stop and start
 * the Finesse nodes. Clearly apart from Finesse's own UI.
 */
export function createSimPanel(options: { userId: string }): SimPanel {
  let state = '';
  let dialog: FinesseDialog | undefined;
  let busy = false;

  const from = h('input', {
    id: 'sim-call-from',
    className: 'sim-input',
    inputmode: 'tel',
    autocomplete: 'off',
    placeholder: 'Caller (optional)',
    testid: 'desktop.call.from',
  });
  const message = h('p', { className: 'sim-message', role: 'status', testid: 'desktop.call.message' });
  const say = (text: string, tone: 'ok' | 'error' = 'ok') => {
    message.textContent = text;
    message.dataset.tone = tone;
  };

  /** Runs a request; a refusal is shown (what it did shows in the call strip and the header). */
  const run = async (work: () => Promise<unknown>) => {
    busy = true;
    say('');
    render();
    try {
      await work();
    } catch (error) {
      say(error instanceof Error ? error.message : 'The simulator refused.', 'error');
    } finally {
      busy = false;
      render();
    }
  };

  const callButtons = CALLS.map(({ kind, label, hint }) =>
    h(
      'button',
      {
        type: 'button',
        className: `sim-call sim-call-${kind}`,
        title: hint,
        testid: `desktop.call.${kind}`,
        onclick: () => void run(() => placeCall(options.userId, kind, from.value.trim() || undefined)),
      },
      h('span', { className: 'sim-call-label' }, label),
      h('span', { className: 'sim-call-hint' }, hint),
    ),
  );
  const hangUp = h(
    'button',
    {
      type: 'button',
      className: 'sim-button',
      testid: 'desktop.call.hangup',
      onclick: () => dialog && void run(() => endCall(dialog?.getId() ?? '')),
    },
    'Caller hangs up',
  );
  const wrapUp = h(
    'button',
    {
      type: 'button',
      className: 'sim-button',
      testid: 'desktop.call.wrapup',
      onclick: () => void run(() => completeWrapUp(options.userId)),
    },
    'Complete wrap-up',
  );
  const nodes: NodeAdmin = createNodeAdmin({ onMessage: say });

  const element = h(
    'aside',
    { className: 'sim-panel', 'aria-label': 'Simulator', testid: 'desktop.sim' },
    h(
      'header',
      { className: 'sim-panel-header' },
      h('h2', { className: 'sim-panel-title' }, 'Simulator'),
      h('span', { className: 'sim-badge' }, 'Test tools'),
    ),
    h(
      'section',
      { className: 'sim-section', 'aria-labelledby': 'sim-calls-title' },
      h('h3', { id: 'sim-calls-title', className: 'sim-section-title' }, 'Simulate a call'),
      h('label', { for: 'sim-call-from', className: 'visually-hidden' }, 'Caller number or extension'),
      from,
      h('div', { className: 'sim-call-grid' }, ...callButtons),
      h('div', { className: 'sim-row' }, hangUp, wrapUp),
      message,
    ),
    nodes.element,
  );

  function render(): void {
    const live = dialog !== undefined && dialog.getState() !== 'DROPPED';
    for (const button of callButtons) button.disabled = busy || dialog !== undefined || state === 'LOGOUT';
    hangUp.disabled = busy || !live;
    wrapUp.disabled = busy || !WRAP_UP_STATES.includes(state);
  }
  render();

  return {
    element,
    update(nextState, nextDialog) {
      state = nextState;
      dialog = nextDialog;
      render();
    },
    dispose: () => nodes.dispose(),
  };
}
