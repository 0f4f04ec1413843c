/**
 * Runs the bot agent: `node examples/bot-agent/main.ts` after `npm run build` (the SDK's entry is
 * the built package, `hybrid-chat/sdk`). Settings from the environment:
 * CHAT_SERVER_URL (default http://127.0.0.1:8444), BOT_AGENT_ID and BOT_AGENT_PASSWORD (default the
 * simulator's demo agent 1001), BOT_QUEUE (default `default`).
 */
import { startBotAgent } from './bot.ts';

const env = process.env;
try {
  const bot = await startBotAgent({
    serverUrl: env['CHAT_SERVER_URL'] ?? 'http://127.0.0.1:8444',
    agentId: env['BOT_AGENT_ID'] ?? '1001',
    password: env['BOT_AGENT_PASSWORD'] ?? 'pass1001',
    queue: env['BOT_QUEUE'] ?? 'default',
  });
  const stop = (): void => {
    bot.stop();
    // The sign-out is a request of its own: give it a moment before the process ends.
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  console.error('[bot] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
