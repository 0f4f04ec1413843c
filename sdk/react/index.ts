/** React bindings for the SDK: `hybrid-chat/sdk/react`. */
export * from './agent.ts';
