// `kam`, the command line. Each subcommand lives in its own module under src/cli/ and registers
// itself here; later ones (backfill, jobs, settings, portal) are added the same way.
import { Command } from 'commander';
import { EXIT_INPUT, processIo, type CliIo } from './cli/cli-io.ts';
import { RedisUnreachableError } from './cli/cli-redis.ts';
import { registerBackfillCommand } from './cli/backfill-command.ts';
import { registerDeadLettersCommand } from './cli/dead-letters-command.ts';
import { registerJobsCommand } from './cli/jobs-command.ts';
import { registerPortalCommand } from './cli/portal-command.ts';
import { registerScoreCommand } from './cli/score-command.ts';
import { registerSettingsCommand } from './cli/settings-command.ts';

function buildProgram(io: CliIo): Command {
  const program = new Command('kam').description('Key-account management for HubSpot').showHelpAfterError();
  registerScoreCommand(program, io);
  registerBackfillCommand(program, io);
  registerJobsCommand(program, io);
  registerPortalCommand(program, io);
  registerSettingsCommand(program, io);
  registerDeadLettersCommand(program, io);
  return program;
}

const io = processIo();
try {
  await buildProgram(io).parseAsync(process.argv);
} catch (err) {
  // A Redis that does not answer is the user's to fix, not a crash: the message says how, no stack.
  if (!(err instanceof RedisUnreachableError)) throw err;
  io.stderr(err.message);
  io.setExitCode(EXIT_INPUT);
}
