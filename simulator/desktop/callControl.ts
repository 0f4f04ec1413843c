import { ACTION_BUTTONS, callParties, callTypeLabel, legLabel } from './callLabels.ts';
import { h, mount } from './dom.ts';
import type { FinesseDialog, FinesseUser, RestResponse, XmlObject } from './finesse/types.ts';
import { formatDuration } from './voiceState.ts';

export interface CallControl {
  readonly element: HTMLElement;
  /** The call on screen (the first dialog of the agent's collection). */
  current(): FinesseDialog | undefined;
  dispose(): void;
}

export interface CallControlOptions {
  readonly user: FinesseUser;
  readonly onError: (message: string) => void;
  /** The dialog on screen changed (added, updated, removed). */
  readonly onChange: () => void;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function actionsOf(participant: XmlObject | undefined): string[] {
  const actions = participant?.actions;
  const list = actions && typeof actions === 'object' && !Array.isArray(actions) ? actions.action : undefined;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]).map(text);
}

export function errorMessage(response: RestResponse, fallback: string): string {
  const errors = response.object?.ApiErrors;
  const error = errors && typeof errors === 'object' && !Array.isArray(errors) ? errors.ApiError : undefined;
  const message =
    error && typeof error === 'object' && !Array.isArray(error) ? error.ErrorMessage : undefined;
  return typeof message === 'string' && message ? message : fallback;
}

/**
 * The call control strip, as Finesse shows it above the gadgets: who calls, what kind of call, the
 * agent's leg and its time, and the actions Finesse allows on that leg. Driven by finesse.js
 * (`User.getDialogs`, dialog `change` handlers); actions go through `Dialog.requestAction`, i.e.
 * `PUT /finesse/api/Dialog/{id}`, exactly as a gadget would send them.
 */
export function createCallControl(options: CallControlOptions): CallControl {
  const { user } = options;
  const dialogs = new Map<string, FinesseDialog>();
  const element = h('section', {
    className: 'call-card',
    hidden: true,
    testid: 'desktop.call',
    'aria-live': 'polite',
  });
  let since = Date.now();
  let pending = false;
  let disposed = false;

  const current = (): FinesseDialog | undefined => dialogs.values().next().value;
  const timer = h('span', { className: 'call-timer', testid: 'desktop.call.timer' }, '00:00');
  const tick = () => (timer.textContent = formatDuration(Date.now() - since));
  const interval = setInterval(tick, 1000);

  const act = (dialog: FinesseDialog, action: string, extension: string) => {
    pending = true;
    render();
    dialog.requestAction(extension, action, {
      // Normally the dialog notification re-renders first; this only unlocks if it never comes.
      success: () =>
        setTimeout(() => {
          pending = false;
          render();
        }, 4000),
      error: (response) => {
        pending = false;
        options.onError(errorMessage(response, `${action} failed.`));
        render();
      },
    });
  };

  function render(): void {
    if (disposed) return;
    const dialog = current();
    element.hidden = !dialog;
    if (!dialog) return mount(element);
    const extension = user.getExtension() ?? '';
    const participants = dialog.getParticipants();
    const mine = participants.find((p) => text(p.mediaAddress) === extension);
    const leg = text(mine?.state) || (dialog.getState() ?? '');
    const changed = Date.parse(text(mine?.stateChangeTime));
    since = Number.isNaN(changed) ? Date.now() : changed;
    const callType = dialog.getMediaProperties().callType ?? '';
    const ends = callParties(dialog.getFromAddress() ?? '', dialog.getToAddress() ?? '', extension);
    element.dataset.leg = leg;
    const buttons = actionsOf(mine)
      .filter((action) => ACTION_BUTTONS[action])
      .map((action) => {
        const spec = ACTION_BUTTONS[action] as (typeof ACTION_BUTTONS)[string];
        return h(
          'button',
          {
            type: 'button',
            className: `call-button call-button-${spec.tone}`,
            testid: `desktop.call.${spec.id}`,
            disabled: pending,
            onclick: () => act(dialog, action, extension),
          },
          h('span', { className: `call-glyph call-glyph-${spec.id}`, 'aria-hidden': 'true' }),
          spec.label,
        );
      });
    mount(
      element,
      h(
        'div',
        { className: 'call-avatar', 'aria-hidden': 'true' },
        h('span', { className: 'call-glyph call-glyph-phone' }),
      ),
      h(
        'div',
        { className: 'call-main' },
        h(
          'div',
          { className: 'call-status' },
          h('span', { className: 'call-leg', testid: 'desktop.call.state' }, legLabel(leg)),
          h(
            'span',
            { className: 'call-type', testid: 'desktop.call.type', title: `callType ${callType}` },
            callTypeLabel(callType),
          ),
          h('code', { className: 'call-type-code' }, callType),
        ),
        h('div', { className: 'call-caller', testid: 'desktop.call.caller' }, ends.party),
        h(
          'div',
          { className: 'call-meta' },
          `${ends.meta} · ${participants.length} parties · Dialog ${dialog.getId()}`,
        ),
      ),
      timer,
      h(
        'div',
        { className: 'call-actions' },
        ...buttons,
        leg === 'WRAP_UP'
          ? h('span', { className: 'call-hint' }, 'Choose Ready or Not Ready to end wrap-up')
          : null,
      ),
    );
    tick();
  }

  const watch = (dialog: FinesseDialog) => {
    dialogs.set(dialog.getId(), dialog);
    dialog.addHandler('change', () => {
      pending = false;
      render();
      options.onChange();
    });
  };

  user.getDialogs({
    onLoad: (collection) => {
      for (const dialog of Object.values(collection.getCollection()))
        if (!dialogs.has(dialog.getId())) watch(dialog);
      render();
      options.onChange();
    },
    onCollectionAdd: (dialog) => {
      watch(dialog);
      render();
      options.onChange();
    },
    onCollectionDelete: (dialog) => {
      dialogs.delete(dialog.getId());
      pending = false;
      render();
      options.onChange();
    },
    onError: () => options.onError('Cannot load your calls.'),
  });

  return {
    element,
    current,
    dispose() {
      disposed = true;
      clearInterval(interval);
    },
  };
}
