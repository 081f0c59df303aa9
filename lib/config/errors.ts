// One error type for everything wrong in config.json: what, where (the key path), and what is allowed.
export class ConfigError extends Error {
  constructor(
    message: string,
    /** Each problem on its own, for callers that list them. */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
