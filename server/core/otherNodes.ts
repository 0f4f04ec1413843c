/**
 * Asking the other chat-server nodes (several nodes; README, "Running several nodes"): a question
 * on a topic goes to every node, and the node that holds the answer (a transfer invitation kept in
 * its memory, say) gives it; the others stay silent. On one node there is nobody to ask.
 */
export interface OtherNodes {
  /** The first answer from another node, or undefined when none answered in time. */
  ask(topic: string, payload: unknown): Promise<unknown>;
  /** This node answers `topic` with what `handler` returns; undefined means "not mine". */
  answer(topic: string, handler: (payload: unknown) => Promise<unknown>): void;
}

export const NO_OTHER_NODES_TO_ASK: OtherNodes = {
  ask: async () => undefined,
  answer: () => undefined,
};
