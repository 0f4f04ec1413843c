import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The agents file that ships with the simulator (ids 1001–1005, 1005 also a supervisor). */
export const DEFAULT_AGENTS_FILE = fileURLToPath(new URL('./agents.json', import.meta.url));

// Finesse reports these two roles in `<roles><role>…</role></roles>` (Finesse's User API).
const roleSchema = z.enum(['Agent', 'Supervisor']);

const digits = z.string().regex(/^\d{1,16}$/, 'digits only');

/**
 * `settings/wrapUpOnIncoming` of the User object (Cisco "User API Parameters"). REQUIRED and
 * REQUIRED_WITH_WRAP_UP_DATA put the agent in wrap-up (WORK / WORK_READY) after an ACD call.
 */
export const WRAP_UP_MODES = ['OPTIONAL', 'REQUIRED', 'REQUIRED_WITH_WRAP_UP_DATA', 'NOT_ALLOWED'] as const;
export type WrapUpMode = (typeof WRAP_UP_MODES)[number];

const agentSchema = z
  .object({
    id: digits,
    loginName: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    password: z.string().min(1).max(128),
    firstName: z.string().min(1).max(64),
    lastName: z.string().min(1).max(64),
    extension: digits,
    teamId: digits,
    teamName: z.string().min(1).max(64),
    roles: z.array(roleSchema).min(1),
    /** Teams whose users a supervisor may read; defaults to the supervisor's own team. */
    supervisedTeamIds: z.array(digits).optional(),
    /** Default OPTIONAL (no wrap-up after a call). */
    wrapUpOnIncoming: z.enum(WRAP_UP_MODES).optional(),
    /** In HYBRID auth mode, whether this agent signs in through the IdP (SSO). Default false. */
    sso: z.boolean().optional(),
  })
  .strict();

const agentsFileSchema = z
  .object({ agents: z.array(agentSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = { id: new Set<string>(), loginName: new Set<string>(), extension: new Set<string>() };
    file.agents.forEach((agent, index) => {
      for (const key of ['id', 'loginName', 'extension'] as const) {
        if (seen[key].has(agent[key])) {
          ctx.addIssue({ code: 'custom', path: ['agents', index, key], message: `duplicate ${key}` });
        }
        seen[key].add(agent[key]);
      }
    });
  });

export type AgentRole = z.infer<typeof roleSchema>;

export interface Agent {
  readonly id: string;
  readonly loginName: string;
  readonly password: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly extension: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly roles: readonly AgentRole[];
  readonly supervisedTeamIds: readonly string[];
  /** The supervised teams with their names (from the agents of each team), for `<teams>` in User XML. */
  readonly supervisedTeams: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly wrapUpOnIncoming: WrapUpMode;
  readonly sso: boolean;
}

export type AgentInput = z.input<typeof agentSchema>;

/** Validates agent definitions (from a file or a test) and fills the defaults. */
export function parseAgents(input: unknown): Agent[] {
  const result = agentsFileSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`[simulator] invalid agents: ${z.prettifyError(result.error)}`);
  }
  const teamNames = new Map(result.data.agents.map((agent) => [agent.teamId, agent.teamName]));
  return result.data.agents.map((agent) => {
    const supervisedTeamIds = agent.roles.includes('Supervisor')
      ? (agent.supervisedTeamIds ?? [agent.teamId])
      : [];
    return {
      ...agent,
      supervisedTeamIds,
      supervisedTeams: supervisedTeamIds.map((id) => ({ id, name: teamNames.get(id) ?? `Team ${id}` })),
      wrapUpOnIncoming: agent.wrapUpOnIncoming ?? 'OPTIONAL',
      sso: agent.sso ?? false,
    };
  });
}

export function loadAgentsFile(path: string = DEFAULT_AGENTS_FILE): Agent[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`[simulator] cannot read agents file ${path}`, { cause: error });
  }
  return parseAgents(json);
}
