/**
 * The socket.io room names, in one place. Each participant's sockets share a room, so a reload or a
 * second tab gets every event; a supervisor's sockets join a chat's monitor room while they watch it.
 */
export const customerRoom = (customerId: string): string => `customer:${customerId}`;
export const agentRoom = (agentId: string): string => `agent:${agentId}`;
export const monitorRoom = (chatId: string): string => `monitor:${chatId}`;
