/**
 * The customer's new-message sound: two soft notes made with Web Audio (no file to fetch). Browsers
 * let a page start audio only after the user interacted with it, and so do we: the audio context is
 * created on the customer's first click, tap or key press in the chat; until then the chime is
 * silent.
 *
 * One tab only: with the chat open in several tabs, every tab gets the message at the same moment.
 * The first to take a Web Lock named after the message plays it and holds the lock a few seconds, so
 * a tab that gets the same message a little later finds it taken. (The locks are shared by the tabs
 * of one site, as the chat is.)
 */

export interface Chime {
  /** Plays for the message `id` (chat id and seq) unless another tab does; false if it cannot. */
  play(id: string): boolean;
  dispose(): void;
}

type AudioContextConstructor = new () => AudioContext;
type Locks = Pick<LockManager, 'request'>;

/** E5 then A5, soft: a friendly rising fourth. */
const NOTES = [659.25, 880];
const NOTE_GAP_S = 0.13;
const NOTE_S = 0.32;
const PEAK_GAIN = 0.1;
const HOLD_MS = 4000;

function playNotes(context: AudioContext): void {
  void context.resume().catch(() => undefined);
  const now = context.currentTime;
  NOTES.forEach((frequency, i) => {
    const start = now + i * NOTE_GAP_S;
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + NOTE_S);
    osc.connect(gain).connect(context.destination);
    osc.start(start);
    osc.stop(start + NOTE_S + 0.02);
  });
}

export function createChime(
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  AudioCtx: AudioContextConstructor | undefined = globalThis.AudioContext,
  locks: Locks | undefined = globalThis.navigator?.locks,
): Chime {
  let context: AudioContext | null = null;
  const events = ['pointerdown', 'keydown'] as const;
  const stopListening = (): void => {
    for (const type of events) target.removeEventListener(type, unlock, true);
  };
  function unlock(): void {
    stopListening();
    if (!AudioCtx || context) return;
    try {
      context = new AudioCtx();
      void context.resume().catch(() => undefined);
    } catch (error) {
      console.warn('[hybrid-chat widget] no audio for the message sound', error);
    }
  }
  for (const type of events) target.addEventListener(type, unlock, true);

  return {
    play(id) {
      const ready = context;
      if (!ready) return false;
      if (!locks) {
        playNotes(ready);
        return true;
      }
      void locks.request(`hybrid-chat:chime:${id}`, { ifAvailable: true }, (lock) =>
        lock ? (playNotes(ready), new Promise<void>((done) => setTimeout(done, HOLD_MS))) : undefined,
      );
      return true;
    },
    dispose() {
      stopListening();
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
