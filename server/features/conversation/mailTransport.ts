/**
 * Sending mail is pluggable: the server only needs `send()`. The demo's transport writes the mail
 * to the log instead (MAIL_TRANSPORT=log); a deployment passes its own (SMTP, an HTTP mail API)
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

/** Logs the mail (addresses, subject, the plain-text body) and sends nothing. */
export function createLogMailTransport(log: MailLog): MailTransport {
  return {
    send(mail) {
      log.info(
        { mail: { to: mail.to, from: mail.from, subject: mail.subject, text: mail.text } },
        'mail logged, not sent (MAIL_TRANSPORT=log)',
      );
      return Promise.resolve();
    },
  };
}
