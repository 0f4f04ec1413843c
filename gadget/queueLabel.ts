/**
 * A queue as people call it: the server's label for it (`queueLabel` on offers, `label` in the team
 * view; one text or one per language) read in the gadget's language, else the queue's own name.
 */
import { labelIn, type LocalizedLabel } from '../sdk/index.ts';

export function queueLabel(queue: string, label: LocalizedLabel | undefined, language: string): string {
  // An empty label names nothing: the queue's own name does.
  return labelIn(label, language, queue).trim() || queue;
}
