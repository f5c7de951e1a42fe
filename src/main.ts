import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { closeGracefullyOnSignals } from './bootstrap/graceful-shutdown';
import { assertPortFree } from './bootstrap/port-check';
import { StartError } from './common/errors/start-error';
import { ConfigError } from './config/config.error';
import { loadConfig } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertPortFree(config.host, config.port);
  const app = await createApp(config);
  closeGracefullyOnSignals(app, (message) => process.stderr.write(`${message}\n`));
  await app.listen({ port: config.port, host: config.host });
  process.stderr.write(`Tessera listening on ${config.issuer} (database: ${config.database.type})\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  if (error instanceof StartError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`Tessera failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
