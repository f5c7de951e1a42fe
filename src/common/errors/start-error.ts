/**
 * Tessera cannot start (or a command cannot run) for a reason the operator can fix. Its message is
 * one line that names the setting to change; it is printed as it is, without a stack.
 */
export class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'StartError';
  }
}
