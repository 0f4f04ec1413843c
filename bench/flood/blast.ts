/**
 * An attacker's socket pushing one event as fast as it can: every emit is sent at once, and the
 * answers are tallied by error code until each is answered or the server cuts the socket off.
 */
import type { Socket } from 'socket.io-client';
import type { Result } from '../../sdk/core/protocol.ts';

export interface BlastResult {
  sent: number;
  ok: number;
  /** Refusals by error code (RATE_LIMITED, NOT_FOUND, …). */
  refused: Record<string, number>;
  /** Never answered: the server disconnected the socket first. */
  unanswered: number;
  cutOff: boolean;
  /** The ok answers' data, for scenarios that look into them (which chat a start returned). */
  data: unknown[];
}

/** Fire-and-forget events are never answered: a live socket this long after the last emit is the end. */
const QUIET_MS = 3000;
/** Acked events: a server that neither answers nor disconnects for this long has failed. */
const ANSWER_TIMEOUT_MS = 60_000;

export function blast(
  socket: Socket,
  event: string,
  count: number,
  payload: (index: number) => unknown,
  acked = true,
): Promise<BlastResult> {
  const result: BlastResult = { sent: 0, ok: 0, refused: {}, unanswered: 0, cutOff: false, data: [] };
  return new Promise((resolve) => {
    let answered = 0;
    const finish = () => {
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
      result.unanswered = acked ? result.sent - answered : 0;
      resolve(result);
    };
    const onDisconnect = () => {
      result.cutOff = true;
      finish();
    };
    socket.once('disconnect', onDisconnect);
    const timer = setTimeout(finish, acked ? ANSWER_TIMEOUT_MS : QUIET_MS);
    for (let index = 0; index < count && socket.connected; index++) {
      result.sent += 1;
      if (!acked) {
        socket.emit(event, payload(index));
        continue;
      }
      socket.emit(event, payload(index), (answer: Result<unknown>) => {
        answered += 1;
        if (answer.ok) {
          result.ok += 1;
          result.data.push(answer.data);
        } else {
          result.refused[answer.error.code] = (result.refused[answer.error.code] ?? 0) + 1;
        }
        if (answered === result.sent) finish();
      });
    }
    if (!socket.connected) onDisconnect();
  });
}
