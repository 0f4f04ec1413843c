/**
 * The chat connection's code — the socket.io transport and the SDK's chat client, about a third of
 * the app gzipped — as a chunk of its own: session.ts imports it when a chat starts or resumes, and
 * main.tsx fetches it as soon as the customer starts using the form. The pre-chat form never waits
 * for it (budget: ≤ 60 KB gzipped for what loads on open).
 */
export {
  createBrowserNetwork,
  createChatClient,
  createFileApi,
  createKeyValueOutboxStore,
  createSocketIoTransport,
} from '../../sdk/index.ts';
