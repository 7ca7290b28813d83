/** Every CLI command, in the order `--help` lists them. A new command is one file here and one line below. */
import type { Command } from '../command';
import { initCommand } from './init';
import { showCommand } from './show';
import { mailCommand } from './mail';
import { clockCommand } from './clock';

export const commands: Command[] = [initCommand, showCommand, mailCommand, clockCommand];
