/**
 * What finesse.js gives, read into the SDK's own shapes: the Authorization header for REST calls,
 * a REST error as `FinesseError`, and a finesse.js Dialog as the `FinesseDialog` the REST and XMPP
 * paths give. No XML parser: finesse.js has parsed already.
 */
import { FinesseError } from '../core/errors.ts';
import {
  callTypeOf,
  toDialogState,
  type FinesseDialog,
  type FinesseParticipant,
} from '../core/finesseTypes.ts';
import type { FinesseGadgetConfig, FinesseJsDialog, FinesseJsGlobal } from './finesseJsTypes.ts';

/**
 * The Authorization header for Finesse REST calls: finesse.js's own `getAuthHeaderString(config)`
 * where the library has it (Finesse 11 and later), else built from `finesse.gadget.Config` as that
 * function does: `Bearer <authToken>` for SSO, `Basic <authorization>` otherwise (Finesse 10.x only
 * knows Basic).
 */
export function finesseAuthHeader(
  finesse: Pick<FinesseJsGlobal, 'utilities'> | undefined,
  config: FinesseGadgetConfig,
): string {
  const fromLibrary = finesse?.utilities?.Utilities?.getAuthHeaderString?.(config);
  if (fromLibrary) return fromLibrary;
  const sso = config.systemAuthMode === 'SSO' || (Boolean(config.authToken) && !config.authorization);
  return sso ? `Bearer ${config.authToken ?? ''}` : `Basic ${config.authorization ?? ''}`;
}

export const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** `error.object.ApiErrors.ApiError` (one or a list) → FinesseError. */
export function finesseErrorFromResponse(response: unknown, what: string): FinesseError {
  const r = record(response);
  const status = typeof r['status'] === 'number' ? r['status'] : 0;
  const apiError = record(list(record(record(r['object'])['ApiErrors'])['ApiError'])[0]);
  const errorType = text(apiError['ErrorType']) || undefined;
  const message = text(apiError['ErrorMessage']) || `${what} failed${status ? ` (${status})` : ''}`;
  return new FinesseError(message, status, errorType);
}

/**
 * Call variables among the flattened media properties: callVariable1..10, ECC variables (`user.*`)
 * and the outbound `BA*` ones (Cisco, "MediaPropertiesLayout").
 */
const CALL_VARIABLE = /^(callVariable\d+|user\..+|BA[A-Za-z]+)$/;

function participantOf(value: unknown): FinesseParticipant {
  const p = record(value);
  return {
    mediaAddress: text(p['mediaAddress']),
    state: text(p['state']) || 'UNKNOWN',
    actions: list(record(p['actions'])['action']).map(text).filter(Boolean),
  };
}

/** A finesse.js Dialog as the same `FinesseDialog` the REST and XMPP paths give. */
export function dialogFromFinesseJs(dialog: FinesseJsDialog): FinesseDialog {
  const media = record(dialog.getMediaProperties());
  const rawCallType = text(media['callType']);
  return {
    id: text(dialog.getId()),
    mediaType: text(dialog.getMediaType()),
    fromAddress: text(dialog.getFromAddress()),
    toAddress: text(dialog.getToAddress()),
    state: toDialogState(dialog.getState()),
    callType: callTypeOf(rawCallType),
    rawCallType,
    participants: list(dialog.getParticipants()).map(participantOf),
    callVariables: Object.fromEntries(
      Object.entries(media)
        .filter(([name]) => CALL_VARIABLE.test(name))
        .map(([name, value]) => [name, text(value)]),
    ),
  };
}
