// Errors of the component bundler; each message says what is wrong, where, and what to do.
export class BundleError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BundleError';
  }
}
