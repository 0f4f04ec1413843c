// A customer chat on a plain page, with the SDK's browser build and no framework: the queue's
// availability, a start form, the conversation, a message when no one can chat, and a rating.
// Run it: `npm run build`, then serve this folder with dist/browser/ as ./sdk/ (see README.md).
import { createBrowserNetwork, createCustomerClient, HybridChatError } from './sdk/hybrid-chat-sdk.js';

const params = new URLSearchParams(location.search);
const SAVED = 'plainPage.chat';
const $ = (id) => document.getElementById(id);

const customer = createCustomerClient({
  serverUrl: params.get('server') ?? location.origin,
  queue: params.get('queue') ?? undefined,
  locale: document.documentElement.lang,
  network: createBrowserNetwork(),
  onError: (error) => console.warn('[plain page]', error),
});

const EVENTS = {
  queued: () => 'You are in the queue.',
  'agent-joined': (name) => `${name} joined the chat.`,
  'agent-left': (name) => `${name} left the chat.`,
  'customer-left': () => 'You left the chat.',
  ended: () => 'The chat has ended.',
};

function show(view) {
  for (const id of ['start', 'leave', 'conversation']) $(id).hidden = id !== view;
}

// The queue: a chat when it is open, a message form otherwise.
customer.subscribe((state, prev) => {
  if (state.config === prev.config || state.status !== 'idle') return;
  const open = state.config?.availability === 'open';
  $('status').textContent = open ? 'We are here to help.' : 'We are away right now.';
  show(open ? 'start' : 'leave');
});

// The chat: every change of the chat client's snapshot redraws the list. Messages are text,
// never HTML: what the agent writes cannot run on this page.
function follow({ client, chatId }) {
  show('conversation');
  const render = (state) => {
    const view = state.chats[chatId];
    if (!view) return;
    const { chat, messages } = view;
    $('status').textContent =
      chat.status === 'ended'
        ? 'The chat has ended.'
        : chat.agent
          ? `You are chatting with ${chat.agent.name}.`
          : 'Waiting for an agent…';
    $('status').dataset.chat = chat.status;
    $('messages').replaceChildren(
      ...messages.map((message) => {
        const item = document.createElement('li');
        // Events (an agent joined, left, the end) carry a name in `text`: the page words them.
        item.textContent =
          message.kind === 'event' ? (EVENTS[message.event]?.(message.text) ?? '') : message.text;
        item.dataset.role = message.from.role;
        if (message.from.role === 'customer') item.dataset.mine = '';
        return item;
      }),
    );
    $('composer').hidden = chat.status === 'ended';
    $('rating').hidden = chat.status !== 'ended';
    if (chat.rating) $('rating-choices').replaceChildren('Thank you!');
  };
  client.subscribe(render);
  render(client.getState());
}

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  $('start-error').textContent = '';
  const problems = customer.checkPrechat({ name });
  if (problems.name) return void ($('start-error').textContent = 'Please tell us your name.');
  try {
    const chat = await customer.start({ name });
    sessionStorage.setItem(SAVED, JSON.stringify(chat.saved));
    follow(chat);
  } catch (error) {
    $('start-error').textContent =
      error instanceof HybridChatError
        ? `The chat could not start (${error.code}).`
        : 'The chat could not start.';
  }
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const chat = customer.getState().chat;
  const text = $('text').value.trim();
  if (!chat || !text) return;
  chat.client.send(chat.chatId, text); // shown at once, retried until the server has it
  $('text').value = '';
});
$('text').addEventListener('input', () => {
  const chat = customer.getState().chat;
  chat?.client.setTyping(chat.chatId, $('text').value !== '');
});

$('end').addEventListener('click', () => {
  const chat = customer.getState().chat;
  void chat?.client.end(chat.chatId);
});

$('rating').addEventListener('click', async (event) => {
  const score = Number(event.target.dataset?.score);
  if (!score) return;
  await customer.rate({ score }); // the chat's update shows the thanks
});

$('leave').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData($('leave'));
  await customer.leaveMessage({
    name: String(form.get('name')),
    email: String(form.get('email')),
    message: String(form.get('message')),
  });
  $('leave').replaceChildren('Thank you: we will write back.');
});

// After a reload: back to the saved chat, else the queue's config decides what to show.
const saved = JSON.parse(sessionStorage.getItem(SAVED) ?? 'null');
if (saved) {
  customer.resume(saved).then(follow, () => {
    sessionStorage.removeItem(SAVED);
    void customer.refreshConfig();
  });
} else {
  void customer.refreshConfig();
}
