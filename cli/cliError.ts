/**
 * The one error type of the admin tool. Its `code` decides the exit status: a wrong command line
 * exits 2 (like most Unix tools), a map that is invalid or cannot be read (or an output that cannot
 * be written, or a database copy that failed) exits 1.
 */
export type CliErrorCode = 'USAGE' | 'IO' | 'INVALID_MAP';

export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }

  get exitCode(): number {
    return this.code === 'USAGE' ? 2 : 1;
  }
}

/** A command-line mistake: exit 2, with a pointer to `--help`. */
export function usageError(message: string): CliError {
  return new CliError('USAGE', message);
}
