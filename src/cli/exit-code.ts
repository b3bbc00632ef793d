// Thrown by a command that has already printed everything and only needs a non-zero exit code
// (the demo's last line must stay its summary line).
export class ExitCode extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}
