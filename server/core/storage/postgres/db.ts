/**
 * The PostgreSQL connection pool (node-postgres `pg.Pool`) and the two ways this engine uses it: one
 * statement on any pooled connection, or a transaction on one connection. A statement that resolves
 * has been committed (autocommit, or the transaction's COMMIT).
 *
 * A lost or refused connection is not a crash: it rejects with a retryable `HybridChatError`
 * ('UNAVAILABLE'), and so does a transaction PostgreSQL cancelled to keep concurrent ones correct
 * (serialization failure, deadlock). The pool drops a broken connection and opens a new one on the
 * next query, so the storage recovers by itself once the database answers again.
 */
import { Pool, types, type PoolClient, type QueryResultRow } from 'pg';
import { HybridChatError } from '../../../../sdk/core/errors.ts';

export interface Queryable {
  rows<T extends QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  row<T extends QueryResultRow>(sql: string, params?: unknown[]): Promise<T | undefined>;
  /** Runs a statement; how many rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export interface Db extends Queryable {
  /** BEGIN … COMMIT on one connection; rolled back when `work` throws. */
  tx<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
  /** One connection of its own, for what must stay on one session (the migration lock). */
  session<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  max?: number;
  log?: { warn(obj: object, msg: string): void };
}

const INT8_OID = 20;
/** Times (ms since 1970) and counts are BIGINT; as numbers they stay exact up to 2^53. */
const typeOverrides = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * Whether trying again later may work: connection failures, SQLSTATE class 08 (connection
 * exception), 57P01–57P03 (the server shuts down or is starting), 53300 (too many connections),
 * 40001 and 40P01 (serialization failure, deadlock) — PostgreSQL manual, appendix A "PostgreSQL
 * Error Codes".
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || code.startsWith('08')) return true;
    if (['57P01', '57P02', '57P03', '53300', '40001', '40P01'].includes(code)) return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

function translate(error: unknown): unknown {
  if (error instanceof HybridChatError || !isTransient(error)) return error;
  return new HybridChatError('UNAVAILABLE', 'the database cannot be reached; try again', { cause: error });
}

/** The three query shapes on a pool or one connection; `wrap` maps what a query throws. */
function queryable(
  client: Pool | PoolClient,
  wrap: (error: unknown) => unknown = (error) => error,
): Queryable {
  const query = async <T extends QueryResultRow>(sql: string, params: unknown[]) => {
    try {
      return await client.query<T>(sql, params);
    } catch (error) {
      throw wrap(error);
    }
  };
  return {
    rows: async <T extends QueryResultRow>(sql: string, params: unknown[] = []) =>
      (await query<T>(sql, params)).rows,
    row: async <T extends QueryResultRow>(sql: string, params: unknown[] = []) =>
      (await query<T>(sql, params)).rows[0],
    run: async (sql: string, params: unknown[] = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

export function openDb(options: DbOptions): Db {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    types: typeOverrides,
  });
  // An idle connection that breaks (the server restarted) is reported here; without a listener
  // Node would treat it as an uncaught error. The pool has already dropped it.
  pool.on('error', (error) => options.log?.warn({ err: error }, 'postgres: an idle connection failed'));
  const direct = queryable(pool, translate);
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        throw translate(error);
      }
    };

  async function session<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      if (isTransient(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  const transaction = guard(<T>(work: (q: Queryable) => Promise<T>): Promise<T> =>
    session(async (client) => {
      await client.query('BEGIN');
      try {
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }),
  );

  // Results come back in the order the calls were made (a later call's result waits for the earlier
  // ones to settle; the queries themselves run side by side on the pool). The server's handlers rely
  // on it as they do on the SQLite engine, whose group commit answers in order: two messages a socket
  // sent one after the other go through their reads, and then their appends, in that order.
  let last: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(result: Promise<T>): Promise<T> => {
    // Handled here too: a query may fail before the earlier ones settle and the chain reaches it.
    result.catch(() => undefined);
    const answer = last.then(
      () => result,
      () => result,
    );
    last = answer.catch(() => undefined);
    return answer;
  };

  return {
    rows: (sql, params) => inOrder(direct.rows(sql, params)),
    row: (sql, params) => inOrder(direct.row(sql, params)),
    run: (sql, params) => inOrder(direct.run(sql, params)),
    tx: <T>(work: (q: Queryable) => Promise<T>) => inOrder(transaction(work)),
    session: guard(session),
    close: () => pool.end(),
  };
}
