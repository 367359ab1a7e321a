// Sending mail: nodemailer over SMTP. Everything else talks to the Mailer interface.
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a duplicate delivery is recognisable. */
  messageId: string;
  locale: string;
  /** Sent as X-Fengqiao-Certification, so replies and support can find the case. */
  certificationId: string | null;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  // No pooling: each send is one SMTP transaction, so a failure is attributable and a retry
  // starts clean.
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        headers: {
          'Content-Language': message.locale,
          ...(message.certificationId
            ? { 'X-Fengqiao-Certification': message.certificationId }
            : {}),
        },
      });
    },
    close() {
      transport.close();
    },
  };
}
