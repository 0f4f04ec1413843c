/**
 * The wire protocol between the chat server and its clients (widget, gadget, integrators).
 * One source of truth: the server, the apps and the SDK all import these types from here. The
 * definitions live by domain in `./protocol/`; this entry re-exports them all so importers need
 * not know the split. Runtime validation of what the server receives lives in `protocolSchemas.ts`,
 * so that browser bundles which only need the types do not carry the validator.
 */
export * from './protocol/shared.ts';
export * from './protocol/chat.ts';
export * from './protocol/files.ts';
export * from './protocol/customer.ts';
export * from './protocol/agent.ts';
export * from './protocol/desk.ts';
export * from './protocol/collaboration.ts';
export * from './protocol/supervisor.ts';
