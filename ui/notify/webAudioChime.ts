/**
 * The Web Audio part of the gadget's offer chime and the widget's message sound: an audio context
 * that comes to life on the user's first click, tap or key press (browsers only let a page start
 * audio after a gesture), and a few soft sine notes played on it. No sound file to fetch or cache.
 * Plain functions, no framework: the widget bundles only what it calls.
 */

type AudioContextConstructor = new () => AudioContext;

export interface GestureAudio {
  /** The context once a gesture (or `unlock()`) created it; null before, or if there is no audio. */
  context(): AudioContext | null;
  /** Creates the context now (call only when the page has had a gesture). */
  unlock(): void;
  dispose(): void;
}

export function audioOnGesture(
  target: Pick<Document, 'addEventListener' | 'removeEventListener'>,
  AudioCtx: AudioContextConstructor | undefined,
  /** Who is asking, for the warning when audio cannot start, e.g. `[hybrid-chat widget] message sound`. */
  label: string,
): GestureAudio {
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
      // Created inside the gesture it may already run; resume() covers browsers that start it suspended.
      void context.resume().catch(() => undefined);
    } catch (error) {
      console.warn(`${label}: no audio`, error);
    }
  }
  for (const type of events) target.addEventListener(type, unlock, true);
  return {
    context: () => context,
    unlock,
    dispose() {
      stopListening();
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}

export interface Notes {
  /** Hz, in order. */
  frequencies: readonly number[];
  /** Seconds from one note's start to the next. */
  gap: number;
  /** Seconds each note takes to fade out. */
  length: number;
  peakGain: number;
}

/** Plays `notes` on `context`, each a quick swell and a soft exponential fade. */
export function playNotes(context: AudioContext, notes: Notes): void {
  // Suspended (e.g. after the computer slept): the notes start as soon as it resumes.
  if (context.state !== 'running') void context.resume().catch(() => undefined);
  const now = context.currentTime + 0.01;
  notes.frequencies.forEach((frequency, i) => {
    const start = now + i * notes.gap;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(notes.peakGain, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + notes.length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + notes.length + 0.02);
  });
}
