import { generateSecret } from '../common/secrets';
import { CliError } from './cli-error';

/** The first line of standard input (`echo … | tessera …`, or typed and ended with Ctrl-D). */
export async function passwordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  const password = text.split(/\r?\n/)[0];
  if (!password) throw new CliError('no password on standard input');
  return password;
}

/** A password Tessera chooses: 24 characters of a 256-bit random secret, printed once. */
export function generatedPassword(): string {
  return generateSecret().slice(0, 24);
}
