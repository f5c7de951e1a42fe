/** A command cannot do what it was asked; the message is the one line the operator reads. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
