/** Test support: the default limits with some changed (a test server's `limits` replaces them all). */
import { loadConfig } from '../config.ts';
import type { Limits } from './limitsConfig.ts';

export const DEFAULT_LIMITS: Limits = loadConfig({}).limits;

export function limitsWith(changes: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...changes };
}

/** Limits high enough that a test which floods on purpose can leave all but one at rest. */
export const LOOSE: Partial<Limits> = {
  sessionsPerIp: { burst: 10_000, perS: 1000 },
  chatsPerIp: { burst: 10_000, perS: 1000 },
};
