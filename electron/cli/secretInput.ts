import readline from 'node:readline';
import { CliError } from './errors.js';

/**
 * A secret for the command line, never from argv (shell history, `ps`): the environment variable
 * first, else an interactive prompt that does not echo. Non-interactive without the variable: a
 * clear error naming the variable.
 */
export async function readSecret(opts: { envVar: string; prompt: string; what: string }): Promise<string> {
  const fromEnv = process.env[opts.envVar];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new CliError(`${opts.what}: set ${opts.envVar} (or run this command in a terminal to be asked)`);
  return promptHidden(opts.prompt);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput?: (s: string) => void; output: NodeJS.WritableStream };
    let asked = false;
    out._writeToOutput = (s: string) => {
      // Show the question once, then nothing of what is typed.
      if (!asked) {
        process.stderr.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new CliError('cancelled'));
    });
  });
}

/** A refusal for a secret given on the command line (kept as a hidden option so the message is clear). */
export function refuseArgvSecret(flag: string, envVar: string): never {
  throw new CliError(
    `${flag} is not accepted: a secret on the command line ends up in the shell history and the process list. Set ${envVar} or let opsdeck ask for it.`,
  );
}
