/**
 * Who may own a ticket, and how 负责人 shows them: staff pick a name from a
 * dropdown; the system resolves that name back to the person's mailbox when
 * it mails them or filters 我的工单. A cell may still hold an email (rows
 * filed before names were shown, or typed by hand): it resolves the same way.
 */
import type { Team } from './routing';

export interface OwnerSource {
  staff: readonly { email: string; name: string }[];
  teams: readonly Team[];
}

export interface OwnerDirectory {
  /** The 负责人 dropdown: each person once (员工 first, then team members), then the teams. */
  labels: string[];
  /** What a cell should hold for this value (a person's label or a team's name); null when it names no one. */
  canonical(value: string): string | null;
  /** The mailbox of the person a cell names; '' for a team, an unknown value or a blank. */
  email(value: string): string;
  /** How the person with this mailbox is shown (their label); the value itself when unknown. */
  label(value: string): string;
  /** The person's own name from 配置 › 员工, to greet them by; null when 员工 gives none (or the value names no person). */
  name(value: string): string | null;
  /** Whether a 负责人 cell names the person signed in as `email` (an address no longer in 配置 still counts). */
  owns(value: string, email: string): boolean;
}

/** `张三（zhang@example.com）`, `张三 <zhang@example.com>` or `张三 (zhang@example.com)`: the address in brackets. */
const BRACKETED = /[（(<]\s*([^\s（()）<>]+@[^\s（()）<>]+)\s*[）)>]\s*$/;

/**
 * A person is shown by name when the name is theirs alone and cannot be read
 * as a team or an address; otherwise by name and address, or by address when
 * 员工 gives no name (a team member who is not in 员工).
 */
export function ownerDirectory(source: OwnerSource): OwnerDirectory {
  // A run's config does not change under it: one directory per config, however many tickets an import files.
  let dir = built.get(source);
  if (!dir) built.set(source, (dir = build(source)));
  return dir;
}

const built = new WeakMap<OwnerSource, OwnerDirectory>();

function build(source: OwnerSource): OwnerDirectory {
  const teamNames = new Set(source.teams.map((t) => t.name));
  const nameOf = new Map<string, string>();
  // 配置 reads a 员工 row without a name as the address itself: that is no name.
  for (const s of source.staff) {
    const key = s.email.toLowerCase();
    const name = s.name.trim();
    if (!nameOf.has(key)) nameOf.set(key, name.toLowerCase() === key ? '' : name);
  }
  const people: string[] = [];
  for (const email of [...source.staff.map((s) => s.email), ...source.teams.flatMap((t) => t.members)]) {
    if (email !== '' && !people.some((p) => p.toLowerCase() === email.toLowerCase())) people.push(email);
  }
  const nameCount = new Map<string, number>();
  for (const p of people) {
    const n = nameOf.get(p.toLowerCase()) ?? '';
    if (n !== '') nameCount.set(n, (nameCount.get(n) ?? 0) + 1);
  }
  const labelOf = new Map<string, string>();
  const emailOf = new Map<string, string>();
  for (const p of people) {
    const n = nameOf.get(p.toLowerCase()) ?? '';
    const alone = n !== '' && nameCount.get(n) === 1 && !teamNames.has(n) && !n.includes('@');
    const label = alone ? n : n !== '' ? `${n}（${p}）` : p;
    labelOf.set(p.toLowerCase(), label);
    emailOf.set(label, p);
  }
  const person = (value: string): string | undefined => {
    const v = value.trim();
    if (v === '') return undefined;
    const byLabel = emailOf.get(v);
    if (byLabel !== undefined) return byLabel;
    const address = BRACKETED.exec(v)?.[1] ?? v;
    return people.find((p) => p.toLowerCase() === address.toLowerCase());
  };
  return {
    labels: [...people.map((p) => labelOf.get(p.toLowerCase())!), ...source.teams.map((t) => t.name)],
    canonical(value) {
      const p = person(value);
      if (p !== undefined) return labelOf.get(p.toLowerCase())!;
      return teamNames.has(value.trim()) ? value.trim() : null;
    },
    email: (value) => person(value) ?? '',
    label(value) {
      const p = person(value);
      return p !== undefined ? labelOf.get(p.toLowerCase())! : value;
    },
    name(value) {
      const p = person(value);
      const n = p === undefined ? '' : (nameOf.get(p.toLowerCase()) ?? '');
      return n === '' ? null : n;
    },
    owns(value, email) {
      const me = email.trim().toLowerCase();
      return me !== '' && ((person(value) ?? value.trim()).toLowerCase() === me);
    },
  };
}
