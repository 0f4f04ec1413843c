/**
 * A short, soft two-note chime for a new chat offer, synthesised with Web Audio (no sound file to
 * load or cache). Browsers only let a page start audio after the user interacted with it, so the
 * audio context is created on the agent's first click or key press in the gadget, or at the first
 * chime if the page has been interacted with before (`navigator.userActivation`, e.g. the gadget
 * was re-rendered after a reconnect); until then `play()` stays silent and says so.
 */

export interface Chime {
  /** Plays the chime; false when audio is not available yet (no gesture so far) or not at all. */
  play(): boolean;
  dispose(): void;
}

type AudioContextConstructor = new () => AudioContext;

function hasBeenActive(): boolean {
  return (
    (globalThis.navigator as { userActivation?: { hasBeenActive?: boolean } } | undefined)?.userActivation
      ?.hasBeenActive === true
  );
}

/** E5 then A5: a rising fourth, friendly rather than alarming. */
const NOTES = [
  { frequency: 659.25, at: 0 },
  { frequency: 880, at: 0.16 },
];
const PEAK_GAIN = 0.08;
const NOTE_SECONDS = 0.38;

export function createChime(
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  AudioCtx: AudioContextConstructor | undefined = globalThis.AudioContext,
): Chime {
  let context: AudioContext | null = null;
  const unlock = (): void => {
    stopListening();
    if (!AudioCtx || context) return;
    try {
      context = new AudioCtx();
      // Created inside the gesture it may already run; resume() covers browsers that start it suspended.
      void context.resume().catch(() => undefined);
    } catch (error) {
      console.warn('[hybrid-chat gadget] no audio for the offer chime', error);
    }
  };
  const events = ['pointerdown', 'keydown'] as const;
  const stopListening = (): void => {
    for (const name of events) target.removeEventListener(name, unlock, true);
  };
  for (const name of events) target.addEventListener(name, unlock, true);

  return {
    play() {
      if (!context && hasBeenActive()) unlock();
      if (!context || context.state === 'closed') return false;
      // Suspended (e.g. after the computer slept): the notes start as soon as it resumes.
      if (context.state !== 'running') void context.resume().catch(() => undefined);
      const start = context.currentTime + 0.01;
      for (const note of NOTES) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        const t0 = start + note.at;
        oscillator.type = 'sine';
        oscillator.frequency.setValueAtTime(note.frequency, t0);
        gain.gain.setValueAtTime(0.0001, t0);
        gain.gain.exponentialRampToValueAtTime(PEAK_GAIN, t0 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + NOTE_SECONDS);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(t0);
        oscillator.stop(t0 + NOTE_SECONDS + 0.02);
      }
      return true;
    },
    dispose() {
      stopListening();
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
