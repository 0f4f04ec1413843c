import type { FastifyRequest } from 'fastify';
import type { SimulatorContext } from '../context.ts';
import type { Dialog } from '../dialogs.ts';
import type { FinesseNode } from '../nodes.ts';
import { requestFacts } from '../reverseProxy/requestFacts.ts';
import type { UserSnapshot } from '../users.ts';

/** JSON shapes of the test control API (`/sim/api`). */

/** The user as the test-control API shows it: no password, plain JSON. */
export function userJson(user: UserSnapshot, ctx: SimulatorContext) {
  const { agent } = user;
  const category = user.state === 'LOGOUT' ? 'LOGOUT' : 'NOT_READY';
  return {
    id: agent.id,
    loginName: agent.loginName,
    firstName: agent.firstName,
    lastName: agent.lastName,
    configuredExtension: agent.extension,
    extension: user.extension,
    state: user.state,
    pendingState: user.pendingState,
    pendingReasonCodeId: user.pendingReasonCodeId,
    reasonCodeId: user.reasonCodeId,
    reasonCodeLabel: ctx.reasonCodes.find(category, user.reasonCodeId)?.label ?? null,
    stateChangeTime: user.stateChangeTime.toISOString(),
    teamId: agent.teamId,
    teamName: agent.teamName,
    roles: agent.roles,
    wrapUpOnIncoming: agent.wrapUpOnIncoming,
    sso: agent.sso,
    dialogs: ctx.calls.dialogsOf(agent.id).map((dialog) => dialog.id),
  };
}

/**
 * A node for the control API; with the request asking, `self` says whether it came through this
 * node and `url` is the one its browser can use (the external one when it came through the proxy).
 */
export function nodeJson(node: FinesseNode, ctx: SimulatorContext, request?: FastifyRequest) {
  const url = ctx.cluster.url(node.name);
  if (!request) return { ...node, url: url ?? null };
  return {
    ...node,
    url: url === undefined ? null : ctx.reverseProxy.externalUrl(url, requestFacts(request.raw)),
    self: ctx.nodes.byPort(request.raw.socket?.localPort).name === node.name,
  };
}

/** A dialog as the control API shows it (the Finesse XML is at `/finesse/api/Dialog/{id}`). */
export function dialogJson(dialog: Dialog, userId: string) {
  return {
    id: dialog.id,
    userId,
    state: dialog.state,
    callType: dialog.callType,
    fromAddress: dialog.fromAddress,
    toAddress: dialog.toAddress,
    participants: dialog.participants.map((p) => ({
      mediaAddress: p.mediaAddress,
      state: p.state,
      actions: p.actions,
    })),
    callVariables: dialog.callVariables,
  };
}
