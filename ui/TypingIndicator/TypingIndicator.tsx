/**
 * The line under the conversation that says who is typing. It is always there (a polite live
 * region must exist before its text changes to be announced) and empty while nobody types.
 */
import { Dots } from '../Dots/Dots.tsx';
import './TypingIndicator.css';

export interface TypingIndicatorProps {
  /** Who is typing, already without the viewer; empty for nobody. */
  names: readonly string[];
  /** The sentence for the names, joined by commas: `Ada is typing…`. */
  describe: (names: string) => string;
  testId: string;
}

export function TypingIndicator({ names, describe, testId }: TypingIndicatorProps) {
  return (
    <div className="ui-typing" aria-live="polite">
      {names.length > 0 && (
        <span data-testid={testId}>
          <Dots />
          {describe(names.join(', '))}
        </span>
      )}
    </div>
  );
}
