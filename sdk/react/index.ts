/**
 * `hybrid-chat/sdk/react`: hooks over the SDK's framework-free stores, as zustand's React binding
 * is over its vanilla store. Each takes the client and an optional selector and equality.
 *
 * ```tsx
 * const config = useCustomer(customer, (state) => state.config);
 * const offers = useAgent(agent, (state) => state.offers);
 * const chat = useChatClient(client, (state) => state.chats[chatId]);
 * ```
 */
export { useChatClient } from './chat.ts';
export { useCustomer } from './customer.ts';
export { useAgent } from './agent.ts';
export { shallowEqual, useStore } from './useStore.ts';
export type { Equality, Selector } from './useStore.ts';
