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
import { audioOnGesture, playNotes } from '../../../ui/notify/webAudioChime.ts';

export interface Chime {
  /** Plays for the message `id` (chat id and seq) unless another tab does; false if it cannot. */
  play(id: string): boolean;
  dispose(): void;
}

type AudioContextConstructor = new () => AudioContext;
type Locks = Pick<LockManager, 'request'>;

/** E5 then A5, soft: a friendly rising fourth. */
const NOTES = { frequencies: [659.25, 880], gap: 0.13, length: 0.32, peakGain: 0.1 };
const HOLD_MS = 4000;

export function createChime(
  target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  AudioCtx: AudioContextConstructor | undefined = globalThis.AudioContext,
  locks: Locks | undefined = globalThis.navigator?.locks,
): Chime {
  const audio = audioOnGesture(target, AudioCtx, '[hybrid-chat widget] message sound');
  return {
    play(id) {
      const ready = audio.context();
      if (!ready) return false;
      if (!locks) {
        playNotes(ready, NOTES);
        return true;
      }
      void locks.request(`hybrid-chat:chime:${id}`, { ifAvailable: true }, (lock) =>
        lock ? (playNotes(ready, NOTES), new Promise<void>((done) => setTimeout(done, HOLD_MS))) : undefined,
      );
      return true;
    },
    dispose: () => audio.dispose(),
  };
}
