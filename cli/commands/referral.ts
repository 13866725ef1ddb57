/** `greffe referral --facts FILE|-`: is referral to the ordinary court mandatory? (shares eligibility.ts). */
import type { Command } from '../command.ts';
import { runDecision } from './eligibility.ts';

export const command: Command = {
  summary: 'dit si le renvoi devant la formation habituelle est de droit',
  run: (args) => runDecision('referral', args),
};
