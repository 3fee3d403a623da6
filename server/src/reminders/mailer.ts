/**
 * Sending e-mail through SMTP with nodemailer. MAIL_REDIRECT_ALL sends every message to one
 * test address instead; the message then starts by naming whom it was for.
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';

export interface OutgoingMail {
  /** The intended recipient's address. */
  to: string;
  /** Their name, shown with the address. */
  toName: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where a message for `to` actually goes: the redirect address, or null when not redirected. */
  redirectFor(to: string): string | null;
  /** Resolves when the SMTP server has accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  /** Checks the connection and sign-in to the SMTP server. */
  verify(): Promise<void>;
  close(): void;
}

/** The SMTP URL without its password, for logs. */
export function describeSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** A mailer for the configured SMTP server. */
export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  const redirectFor = (to: string) =>
    config.redirectAll && config.redirectAll !== to ? config.redirectAll : null;
  return {
    redirectFor,
    async send(mail) {
      const redirect = redirectFor(mail.to);
      const recipient = { name: mail.toName, address: mail.to };
      await transport.sendMail({
        from: config.from,
        to: redirect ?? recipient,
        subject: mail.subject,
        text: redirect
          ? `[Omdirigerat (MAIL_REDIRECT_ALL): meddelandet var till ${mail.toName} <${mail.to}>]\n\n${mail.text}`
          : mail.text,
        headers: redirect ? { 'X-Original-To': mail.to } : {},
      });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
