// One InputError listing every problem found in a lead file (up to a limit), so a user
// fixes them in one go instead of one run per typo.
import { InputError } from '../errors.ts';

const MAX_LISTED = 20;

export function leadFileError(fileName: string, problems: string[]): InputError {
  if (problems.length === 1) return new InputError(`${fileName}: ${problems[0]}`);
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  - ${p}`);
  if (problems.length > MAX_LISTED) listed.push(`  ... and ${problems.length - MAX_LISTED} more`);
  return new InputError([`${fileName}: ${problems.length} problems`, ...listed].join('\n'));
}

/** Collects problems and stops the parse early once there are clearly too many. */
export class ProblemList {
  readonly problems: string[] = [];
  add(problem: string): void {
    this.problems.push(problem);
  }
  get full(): boolean {
    return this.problems.length > MAX_LISTED;
  }
  throwIfAny(fileName: string): void {
    if (this.problems.length > 0) throw leadFileError(fileName, this.problems);
  }
}
