/**
 * A short, soft two-note chime for a new chat offer, synthesised with Web Audio (no sound file to
 * load or cache). Browsers only let a page start audio after the user interacted with it, so the
 * audio context is created on the agent's first click or key press in the gadget, or at the first
 * chime if the page has been interacted with before (`navigator.userActivation`, e.g. the gadget
 * was re-rendered after a reconnect); until then `play()` stays silent and says so.
 */
import { audioOnGesture, playNotes } from '../../ui/notify/webAudioChime.ts';

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
const NOTES = { frequencies: [659.25, 880], gap: 0.16, length: 0.38, peakGain: 0.08 };

export function createChime(
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  AudioCtx: AudioContextConstructor | undefined = globalThis.AudioContext,
): Chime {
  const audio = audioOnGesture(target, AudioCtx, '[hybrid-chat gadget] offer chime');
  return {
    play() {
      if (!audio.context() && hasBeenActive()) audio.unlock();
      const context = audio.context();
      if (!context || context.state === 'closed') return false;
      playNotes(context, NOTES);
      return true;
    },
    dispose: () => audio.dispose(),
  };
}
