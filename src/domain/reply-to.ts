/**
 * Where a customer's reply to the add-on's mail goes (its Reply-To). Sent by
 * MailApp, a mail comes from the account running the trigger, whose inbox
 * nobody handling the ticket may read: the reply must reach a person who can act.
 */
import type { Team } from './routing';
import { isMailAddress } from './validate';

export interface ReplyToSources {
  /** 配置 › 邮件 › 回复地址: an explicit mailbox, or '' for the ticket's people. */
  configured: string;
  /** The ticket's 负责人 (an address, or a name / 未分配). */
  owner: string;
  /** The ticket's team, whose 主管 answers when the owner is no address. */
  team: string;
  teams: readonly Pick<Team, 'name' | 'supervisor'>[];
  /** The setup owner's address, asked for only when nobody nearer has one. */
  setupOwner: () => string | null;
}

/** The configured mailbox; else the owner, the team's supervisor, the setup owner; '' when none is an address. */
export function replyToFor(s: ReplyToSources): string {
  if (s.configured !== '') return s.configured;
  if (isMailAddress(s.owner)) return s.owner.trim();
  const supervisor = s.teams.find((t) => t.name === s.team)?.supervisor ?? '';
  if (isMailAddress(supervisor)) return supervisor.trim();
  const owner = s.setupOwner() ?? '';
  return isMailAddress(owner) ? owner.trim() : '';
}
