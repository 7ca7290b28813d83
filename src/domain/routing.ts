/**
 * Routing: which team gets a ticket, and which member of it owns the ticket.
 */
export interface RoutingRule {
  needType?: string;
  issueType?: string;
  team: string;
}

export interface Team {
  name: string;
  /** Member emails; tickets rotate among them. */
  members: string[];
  supervisor?: string;
}

/** Next member index per team name: the round-robin state. */
export type Rotation = Record<string, number>;

/** Team and owner when there is neither a matching rule nor any team. */
export const UNASSIGNED = '未分配';

/** Whether a rule names a value for a field (an empty string names nothing). */
function names(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function matches(expected: string | undefined, actual: string | undefined): boolean {
  return !names(expected) || expected === actual;
}

/**
 * The rule for a ticket: a rule on the issue type (with a matching need type,
 * if it names one) wins over a rule on the need type alone, which wins over a
 * rule naming neither; within each kind the first rule in order wins.
 */
function pickRule(need_type: string | undefined, issue_type: string | undefined, rules: RoutingRule[]) {
  const fits = (r: RoutingRule) => matches(r.needType, need_type) && matches(r.issueType, issue_type);
  return (
    rules.find((r) => names(r.issueType) && fits(r)) ??
    rules.find((r) => !names(r.issueType) && names(r.needType) && fits(r)) ??
    rules.find((r) => !names(r.issueType) && !names(r.needType))
  );
}

/**
 * The team and owner of a ticket. A team with members rotates them round-robin
 * (the rotation is returned updated; the input is not modified); a team without
 * members, or one that is not in the team list, is its own owner. Without a
 * matching rule the ticket goes to the first team, or to 未分配 when there is none.
 */
export function route(
  ticket: { need_type?: string; issue_type?: string },
  rules: RoutingRule[],
  teams: Team[],
  rotation: Rotation,
): { team: string; owner: string; rotation: Rotation } {
  const rule = pickRule(ticket.need_type, ticket.issue_type, rules);
  const teamName = rule ? rule.team : teams[0]?.name ?? UNASSIGNED;
  const members = teams.find((t) => t.name === teamName)?.members ?? [];
  if (members.length === 0) return { team: teamName, owner: teamName, rotation };
  const stored = rotation[teamName];
  const index = Number.isInteger(stored) && stored >= 0 ? stored % members.length : 0;
  return {
    team: teamName,
    owner: members[index],
    rotation: { ...rotation, [teamName]: (index + 1) % members.length },
  };
}

/**
 * Who may own a ticket: the staff of 配置 › 员工 and the teams' members (the
 * 负责人 dropdown, in that order, each once), then the teams' names (a team
 * without members owns its tickets itself).
 */
export function possibleOwners(config: { staff: readonly { email: string }[]; teams: readonly Team[] }): string[] {
  const people = [...config.staff.map((s) => s.email), ...config.teams.flatMap((t) => t.members)];
  const seen = new Set<string>();
  const unique = people.filter((p) => {
    const k = p.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return [...unique, ...config.teams.map((t) => t.name)];
}

/**
 * A staff member's name from 配置 › 员工 (matched case-insensitively), or null
 * when they have none there (配置 reads a blank name as the address itself).
 */
export function staffName(email: string, staff: readonly { email: string; name: string }[]): string | null {
  const key = email.trim().toLowerCase();
  if (key === '') return null;
  const name = staff.find((s) => s.email.trim().toLowerCase() === key)?.name.trim() ?? '';
  return name === '' || name.toLowerCase() === key ? null : name;
}

/**
 * How an owner is shown to staff: a person by their name from 配置 › 员工,
 * by the address when 员工 gives no name; a team (or 未分配) stays as it is.
 */
export function ownerLabel(owner: string, staff: readonly { email: string; name: string }[]): string {
  return staffName(owner, staff) ?? owner;
}
