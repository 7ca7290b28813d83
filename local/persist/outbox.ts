/**
 * DIR/outbox/: every email the add-on sent, one RFC 5322 message per file
 * (UTF-8 headers, a plain-text part and an HTML part when there is one).
 * Files are written once and never rewritten; the output is deterministic
 * (Message-ID from the mail id, Date from its send time, fixed boundaries),
 * so saving again after a crash writes the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { RuntimeState, SentMailState } from '../runtime/state';
import { formatDate } from '../runtime/date-format';
import { ensureDir, unwritable, writeFileAtomic } from './atomic';

export const OUTBOX_DIR = 'outbox';

/** `NNNN-yyyyMMdd-HHmmss.eml`: 1-based position in the outbox, send time in the script zone. */
export function outboxFileName(index: number, mail: SentMailState, timeZone: string): string {
  return `${String(index + 1).padStart(4, '0')}-${formatDate(mail.at, timeZone, 'yyyyMMdd-HHmmss')}.eml`;
}

/** The message as RFC 5322 bytes (CRLF line ends); the Date header in the script zone. */
export async function composeMessage(mail: SentMailState, timeZone: string): Promise<Buffer> {
  const token = mail.id.replace(/[^A-Za-z0-9.-]/g, '') || 'mail';
  const composer = new MailComposer({
    from: mail.name ? { name: mail.name, address: mail.from } : mail.from,
    to: mail.to,
    ...(mail.cc ? { cc: mail.cc } : {}),
    ...(mail.bcc ? { bcc: mail.bcc } : {}),
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    messageId: `<${token}@local.kehu>`,
    date: formatDate(mail.at, timeZone, 'EEE, d MMM yyyy HH:mm:ss Z'),
    text: mail.body,
    ...(mail.htmlBody ? { html: mail.htmlBody } : {}),
    baseBoundary: token,
    newline: 'windows',
  });
  const node = composer.compile();
  // An outbox record keeps who was in Bcc.
  node.keepBcc = true;
  return node.build();
}

/**
 * Writes every sent mail that has no file yet and records its file name in
 * the state (the folder exists even while the outbox is empty). A file
 * already there under that name is kept as it is.
 */
export async function writeOutbox(dir: string, state: RuntimeState): Promise<string[]> {
  const outbox = path.join(dir, OUTBOX_DIR);
  ensureDir(outbox);
  const pending = state.mail.sent.map((mail, index) => ({ mail, index })).filter(({ mail }) => !mail.file);
  const written: string[] = [];
  for (const { mail, index } of pending) {
    const name = outboxFileName(index, mail, state.timeZone);
    const file = path.join(outbox, name);
    if (!fs.existsSync(file)) {
      writeFileAtomic(file, await composeMessage(mail, state.timeZone));
      written.push(name);
    }
    mail.file = name;
  }
  return written;
}

/** Removes the outbox's message files (`NNNN-….eml`), for a state that replaces the folder's old one. */
export function clearOutbox(dir: string): void {
  const outbox = path.join(dir, OUTBOX_DIR);
  try {
    for (const name of fs.readdirSync(outbox)) {
      if (/^\d{4,}-\d{8}-\d{6}\.eml$/.test(name)) fs.rmSync(path.join(outbox, name));
    }
  } catch (err) {
    throw unwritable(outbox, err);
  }
}
