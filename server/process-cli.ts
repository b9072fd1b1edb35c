// What both server commands (`npm start`'s server and `npm run relay`) do as processes:
// refuse bad flags with the usage text (exit 2), and close cleanly on SIGINT/SIGTERM.

/** The parsed options; on a bad flag prints the reason and `usage`, and exits with 2. */
export function parseOrExit<T>(parse: (argv: string[], env: NodeJS.ProcessEnv) => T, usage: string): T {
  try {
    return parse(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
}

/**
 * On SIGINT or SIGTERM: `close()`, then exit 0 (1 when closing failed). A second signal exits
 * at once with 1; after 5 s the process exits anyway.
 */
export function closeOnSignals(close: () => Promise<void>, onSignal: (signal: NodeJS.Signals) => void = () => {}): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second Ctrl+C: do not wait any longer
    stopping = true;
    onSignal(signal);
    setTimeout(() => process.exit(0), 5000).unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
