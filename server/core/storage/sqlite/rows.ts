/**
 * What only the SQLite engine needs to read its rows: the chat select in SQLite's dialect and the
 * typing of node:sqlite's records. The row shapes and their mappers are shared with the PostgreSQL
 * engine (../rows.ts, ../featureRows.ts).
 */

/** A chat with its customer's name and its last seq (the highest of its messages). */
export const CHAT_SELECT = `SELECT c.*, cu.name AS customer_name,
  (SELECT IFNULL(MAX(m.seq), 0) FROM messages m WHERE m.chat_id = c.id) AS last_seq
  FROM chats c JOIN customers cu ON cu.id = c.customer_id`;

/** `all()` rows typed as `T` (node:sqlite returns plain records). */
export const rowsOf = <T>(rows: unknown[]): T[] => rows as T[];
