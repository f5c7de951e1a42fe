/**
 * Where a command writes: results a script may read on stdout, notices for the person on stderr.
 */
export interface CliOutput {
  result(line: string): void;
  notice(line: string): void;
  /** Raw text (commander's help and usage errors). */
  write(stream: 'out' | 'err', text: string): void;
}

export const processOutput: CliOutput = {
  result: (line) => void process.stdout.write(`${line}\n`),
  notice: (line) => void process.stderr.write(`${line}\n`),
  write: (stream, text) => void (stream === 'out' ? process.stdout : process.stderr).write(text),
};
