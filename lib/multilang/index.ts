export { FrameDecoder, MalformedFrameError, encodeFrame, parseFrame } from './codec.js';
export { runComponent, type ComponentClassInput, type RunnableComponent } from './component-loop.js';
export { processIO, type ComponentIO, type ProtocolOutput } from './component-io.js';
export { EXIT } from './exit-codes.js';
export * from './messages.js';
