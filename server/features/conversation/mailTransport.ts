/**
 * Sending mail is pluggable: the server only needs `send()`. The demo's transport notes the mail
 * in the log instead (MAIL_TRANSPORT=log); a deployment passes its own (SMTP, an HTTP mail API)
 * to `createChatServer(config, { mailTransport })`.
 */

export interface Mail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  /** Resolves once the mail is accepted for delivery; rejects when it is not. */
  send(mail: Mail): Promise<void>;
}

export interface MailLog {
  info(obj: object, msg: string): void;
}

/**
 * Logs that a mail would have been sent (addresses, subject, size) and sends nothing. Never the
 * text: a transcript is the customer's conversation, and logs are kept longer and read by more
 * people than the chat database (OWASP Logging Cheat Sheet, "Data to exclude").
 */
export function createLogMailTransport(log: MailLog): MailTransport {
  return {
    send(mail) {
      const bytes =
        Buffer.byteLength(mail.text) + (mail.html === undefined ? 0 : Buffer.byteLength(mail.html));
      log.info(
        { mail: { to: mail.to, from: mail.from, subject: mail.subject, bytes } },
        'mail logged, not sent (MAIL_TRANSPORT=log)',
      );
      return Promise.resolve();
    },
  };
}
