/**
 * Which chats get a tab (three, as in Cisco's Desktop Chat) and which wait behind the overflow
 * button: the first three in the order they were opened, except that the chat being looked at always
 * has a tab (it takes the last of the three places).
 */
export const VISIBLE_TABS = 3;

export function splitTabs<T extends { peer: string }>(
  chats: readonly T[],
  current: string | null,
  visible = VISIBLE_TABS,
): { tabs: T[]; overflow: T[] } {
  const tabs = chats.slice(0, visible);
  const currentChat = chats.find((chat) => chat.peer === current);
  if (currentChat && !tabs.includes(currentChat)) tabs[visible - 1] = currentChat;
  return { tabs, overflow: chats.filter((chat) => !tabs.includes(chat)) };
}
