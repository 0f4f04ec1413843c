/**
 * How the server's log lines look. `json` (the default) is one JSON object a line, for log
 * collectors; `pretty` is pino-pretty's readable single lines, for a person at a terminal (the demo,
 * `npm start`). The simulator uses the same choice (`SIM_LOG_FORMAT`).
 */
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** A stream for pino's `stream` option, or undefined for pino's own JSON on stdout. */
export function logStreamFor(format: LogFormat): NodeJS.WritableStream | undefined {
  if (format === 'json') return undefined;
  return pretty({
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId',
    singleLine: true,
  });
}
