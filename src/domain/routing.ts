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
