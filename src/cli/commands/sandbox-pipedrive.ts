import type { CliIo } from '../io.ts';
import { InputError } from '../../errors.ts';

export async function runPipedriveSandboxCommand(_opts: {
  io: CliIo;
  port: number;
  owners: { email: string; name: string }[];
  webhookUrl?: string;
  webhookUser?: string;
  webhookPassword?: string;
  waitForSignal: (close: () => Promise<void>) => Promise<void>;
}): Promise<void> {
  throw new InputError('the Pipedrive sandbox command is not available yet');
}
