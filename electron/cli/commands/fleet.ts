import { register as registerAgent } from './agent.js';
import { register as registerBooths } from './booths.js';
import { register as registerWake } from './wake.js';
import { register as registerSimulate } from './simulate-booth.js';
import type { Command } from 'commander';

/** The fleet's commands: agent, booths, wake, simulate-booth. */
export function register(program: Command): void {
  registerAgent(program);
  registerBooths(program);
  registerWake(program);
  registerSimulate(program);
}
