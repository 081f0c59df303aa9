// The public API of the `stp` package (`import { Bolt, Spout, topology } from 'stp'`).

// Components (lib/components) and the protocol loop that runs them (lib/multilang).
export * from './components/index.js';
export { runComponent, type RunnableComponent } from './multilang/component-loop.js';
export { processIO, type ComponentIO, type ProtocolOutput } from './multilang/component-io.js';
export { EXIT } from './multilang/exit-codes.js';
export type { Handshake, HandshakeContext, LogLevel, TupleId } from './multilang/messages.js';
