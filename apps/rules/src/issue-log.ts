/** What the engine reports about a (rule, subject) that it could not judge (a limit not configured, stale meters …). */
export interface NotedIssue {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly subjectKey: string;
  readonly code: string;
  readonly message: string;
}

const HOUR = 3_600_000;

/**
 * Logs the engine's issues without flooding the log: each (rule, subject, code) at most once an hour, and the
 * subjects of one rule and code that come up within `gatherMs` (a minute: the longest usual reporting interval)
 * as one line. At start-up the demo park's 38 lines without a pollution-control meter are then about three lines
 * (one per 分表计电 rule), not 115.
 */
export class IssueLog {
  private readonly loggedAt = new Map<string, number>();
  private readonly groups = new Map<string, { first: NotedIssue; since: number; subjects: string[] }>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly gatherMs = 60_000,
  ) {}

  note(issue: NotedIssue, now: number): void {
    const key = `${issue.ruleId}|${issue.subjectKey}|${issue.code}`;
    const last = this.loggedAt.get(key);
    if (last !== undefined && now - last < HOUR) return;
    if (this.loggedAt.size > 100_000) this.loggedAt.clear();
    this.loggedAt.set(key, now);
    const groupKey = `${issue.ruleId}|${issue.code}`;
    const group = this.groups.get(groupKey);
    if (group) group.subjects.push(issue.subjectKey);
    else this.groups.set(groupKey, { first: issue, since: now, subjects: [issue.subjectKey] });
  }

  /** Writes the groups gathered for `gatherMs` (all of them with `all`, e.g. at shutdown). */
  flush(now: number, all = false): void {
    for (const [key, { first, since, subjects }] of this.groups) {
      if (!all && now - since < this.gatherMs) continue;
      this.groups.delete(key);
      const where =
        subjects.length === 1
          ? subjects[0]
          : `${subjects.length} subjects (${subjects.slice(0, 2).join(', ')}${subjects.length > 2 ? ', …' : ''})`;
      this.write(`rule ${first.ruleName} on ${where}: ${first.code}: ${first.message}`);
    }
  }
}
