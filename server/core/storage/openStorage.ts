/**
 * The storage the configuration asks for: PostgreSQL when DATABASE_URL is set (several nodes on one
 * database), else the embedded SQLite file under DATA_DIR (docs/storage.md).
 */
import type { ServerConfig } from '../../config.ts';
import { openPostgresStorage } from './postgres/openPostgresStorage.ts';
import { openSqliteStorage } from './sqlite/openSqliteStorage.ts';
import type { Storage } from './storage.ts';

export async function openStorage(
  config: Pick<ServerConfig, 'databaseUrl' | 'dbPath' | 'dbDurability'>,
  log: { warn(obj: object, msg: string): void },
): Promise<Storage> {
  if (config.databaseUrl) return openPostgresStorage({ url: config.databaseUrl, log });
  return openSqliteStorage({ path: config.dbPath, durability: config.dbDurability, log });
}
