/** Every CLI command, in the order `--help` lists them. A new command is one file here and one line below. */
import type { Command } from '../command';
import { initCommand } from './init';
import { setupCommand } from './setup';
import { showCommand } from './show';
import { mailCommand } from './mail';
import { httpCommand } from './http';
import { clockCommand } from './clock';
import { submitCommand } from './submit';
import { statusCommand } from './status';
import { editCommand } from './edit';
import { configCommand } from './config';
import { resubmitCommand } from './resubmit';
import { reportCommand } from './report';
import { selfcheckCommand } from './selfcheck';
import { demoCommand } from './demo';
import { uiCommand } from './ui';

export const commands: Command[] = [
  initCommand,
  setupCommand,
  submitCommand,
  clockCommand,
  statusCommand,
  editCommand,
  configCommand,
  resubmitCommand,
  reportCommand,
  selfcheckCommand,
  uiCommand,
  showCommand,
  mailCommand,
  httpCommand,
  demoCommand,
];
