import { IssueLog, type NotedIssue } from './issue-log';

const issue = (subjectKey: string, ruleId = 'r1', code = 'not-configured'): NotedIssue => ({
  ruleId,
  ruleName: 'Pollution control off while producing',
  subjectKey,
  code,
  message: 'normal load not configured; not judged',
});

describe('IssueLog', () => {
  it('gathers the subjects of one rule and code into one line', () => {
    const lines: string[] = [];
    const log = new IssueLog((l) => lines.push(l), 10_000);
    for (let i = 0; i < 38; i++) log.note(issue(`line:e${i}:line-1`), 1_000 + i * 100);
    log.note(issue('line:e0:line-1', 'r2'), 1_500);
    log.flush(5_000);
    expect(lines).toEqual([]);
    log.flush(11_000);
    expect(lines).toEqual([
      'rule Pollution control off while producing on 38 subjects (line:e0:line-1, line:e1:line-1, …): not-configured: normal load not configured; not judged',
    ]);
    log.flush(11_500);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'rule Pollution control off while producing on line:e0:line-1: not-configured: normal load not configured; not judged',
    );
  });

  it('repeats a (rule, subject, code) at most once an hour', () => {
    const lines: string[] = [];
    const log = new IssueLog((l) => lines.push(l), 0);
    log.note(issue('device:a'), 0);
    log.flush(0);
    log.note(issue('device:a'), 3_599_999);
    log.flush(3_599_999);
    expect(lines).toHaveLength(1);
    log.note(issue('device:a'), 3_600_000);
    log.flush(3_600_000);
    expect(lines).toHaveLength(2);
  });

  it('writes everything gathered on a final flush', () => {
    const lines: string[] = [];
    const log = new IssueLog((l) => lines.push(l), 60_000);
    log.note(issue('device:a'), 0);
    log.flush(1, true);
    expect(lines).toHaveLength(1);
  });
});
