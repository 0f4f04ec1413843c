/**
 * What the flood attackers (attacks.ts) share: the sizes they are scaled by, the outcome each
 * reports, and the steps several of them take — file uploads into a chat, sign-in guesses, a
 * customer whose chat an agent accepted, and the counting of what was refused.
 */
import type { BlastResult } from './blast.ts';
import { startCustomer, type Customer } from './floodClients.ts';
import type { FloodTarget } from './floodTarget.ts';

export interface FloodSizes {
  sessions: number;
  starts: number;
  sockets: number;
  uploads: number;
  messages: number;
  typing: number;
  receipts: number;
  transcripts: number;
  signIns: number;
}

export interface Outcome {
  attempts: number;
  accepted: number;
  refused: number;
  /** The attacker's socket was disconnected for flooding. */
  cutOff: boolean | null;
  detail: string;
  problems: string[];
}

export interface AttackContext {
  target: FloodTarget;
  sizes: FloodSizes;
  /** A fresh attacker address (TEST-NET-3, RFC 5737) for each scenario. */
  nextIp(): string;
  /** Typing notices and messages the accepting agents received in a chat. */
  seen(chatId: string): { typing: number; messages: number };
}

export interface Attack {
  name: string;
  /** What the limit allows, in words (the table's column). */
  limit: string;
  /** Needs chats to become active (runs after the accepting agents start). */
  needsAgents: boolean;
  run(context: AttackContext): Promise<Outcome>;
}

const MB = 1024 * 1024;
/** Deliveries still on their way to the agents after the attacker stops, before they are counted. */
export const settle = () => new Promise((done) => setTimeout(done, 500));

export const codes = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([code, count]) => `${count} ${code}`)
    .join(', ') || 'none';

export function fromBlast(result: BlastResult, allowed: number, what: string, detail = ''): Outcome {
  const problems: string[] = [];
  if (result.ok > allowed) problems.push(`${what}: ${result.ok} accepted, the limit allows ${allowed}`);
  if (result.ok === result.sent) problems.push(`${what}: nothing refused`);
  return {
    attempts: result.sent,
    accepted: result.ok,
    // What did not get through: refused, or never answered before the cut-off (and not stored).
    refused: result.sent - result.ok,
    cutOff: result.cutOff,
    detail: `${detail}refused: ${codes(result.refused)}; unanswered at cut-off: ${result.unanswered}`,
    problems,
  };
}

async function upload(
  url: string,
  customer: Customer,
  ip: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<number> {
  const query = new URLSearchParams({ clientId: crypto.randomUUID(), name: 'big.pdf' });
  const response = await fetch(`${url}/api/chats/${customer.chatId}/files?${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${customer.token}`,
      'content-type': 'application/octet-stream',
      'X-Forwarded-For': ip,
    },
    body: bytes,
  });
  await response.arrayBuffer();
  return response.status;
}

function pdfOf(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  return bytes;
}

export async function uploads(context: AttackContext, customer: Customer, ip: string): Promise<Outcome> {
  const pdf = pdfOf(MB);
  const statuses: Record<string, number> = {};
  for (let index = 0; index < context.sizes.uploads; index++) {
    const status = await upload(context.target.url, customer, ip, pdf);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const accepted = statuses['200'] ?? 0;
  return {
    attempts: context.sizes.uploads,
    accepted,
    refused: context.sizes.uploads - accepted,
    cutOff: null,
    detail: `HTTP ${codes(statuses)}`,
    problems: [],
  };
}

export const activeCustomer = async (context: AttackContext, ip: string): Promise<Customer> => {
  const customer = await startCustomer(context.target.url, ip, 'Flooder');
  if (!(await customer.active)) throw new Error(`[bench] the attacker's chat from ${ip} never became active`);
  return customer;
};

async function signIn(url: string, agentId: string, ip: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/agent/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify({
      agentId,
      authorization: `Basic ${Buffer.from(`${agentId}:${password}`).toString('base64')}`,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

export async function guesses(
  context: AttackContext,
  agentIds: (index: number) => string,
  ip: (index: number) => string,
) {
  const before = context.target.finesseSignIns();
  const statuses: Record<string, number> = {};
  for (let index = 0; index < context.sizes.signIns; index++) {
    const status = await signIn(context.target.url, agentIds(index), ip(index), `guess-${index}`);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const passedOn = context.target.finesseSignIns() - before;
  const outcome: Outcome = {
    attempts: context.sizes.signIns,
    accepted: passedOn,
    refused: context.sizes.signIns - passedOn,
    cutOff: null,
    detail: `HTTP ${codes(statuses)}; guesses passed on to Finesse: ${passedOn}`,
    problems: (statuses['429'] ?? 0) === 0 ? ['sign-in: no guess was throttled'] : [],
  };
  return outcome;
}
