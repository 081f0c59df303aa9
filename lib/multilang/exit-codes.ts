// How a component process ends, so that Storm, the local engine and tests can tell why.
export const EXIT = {
  /** stdin closed at a message boundary: Storm (or the engine) went away or stopped us. */
  ok: 0,
  /** User code threw (initialize, process, nextTuple, ...) and keepAliveOnError is off. */
  componentError: 1,
  /** Bad input on the protocol: malformed JSON, an unknown command, a message of the wrong shape, no pid file. */
  protocolError: 2,
  /** stdout closed under us (EPIPE). */
  brokenPipe: 3,
  /** 128 + signal number, as a shell reports it. */
  sigint: 130,
  sigterm: 143,
} as const;
