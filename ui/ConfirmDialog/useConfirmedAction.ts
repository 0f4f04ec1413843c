import { useState } from 'react';

export interface ConfirmedAction {
  /** The confirmation is showing. */
  asking: boolean;
  /** The action is running (after Confirm). */
  busy: boolean;
  ask: () => void;
  cancel: () => void;
  /** Runs the action; the confirmation closes once it has settled, whether it worked or not. */
  confirm: () => Promise<void>;
}

/** State for an action that asks first (End chat): drives a `ConfirmDialog`. */
export function useConfirmedAction(action: () => Promise<void>): ConfirmedAction {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  return {
    asking,
    busy,
    ask: () => setAsking(true),
    cancel: () => setAsking(false),
    confirm: async () => {
      setBusy(true);
      try {
        await action();
      } finally {
        setBusy(false);
        setAsking(false);
      }
    },
  };
}
