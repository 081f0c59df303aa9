// The messages of Storm's multilang protocol (JSON serializer), both directions. The component side
// (lib/components) and the engine side (lib/local, playing Storm) share these types so they cannot drift apart.
// See ../shared/storm-reference.md §2.

/** Grouping as it appears in the handshake context, e.g. `{ type: 'FIELDS', fields: ['word'] }`. */
export interface ContextGrouping {
  type: 'FIELDS' | 'SHUFFLE' | 'ALL' | 'GLOBAL' | 'NONE' | 'DIRECT' | 'LOCAL_OR_SHUFFLE' | 'CUSTOM_OBJECT' | 'CUSTOM_SERIALIZED';
  fields?: string[];
}

/** The context Storm sends in the handshake (keys exactly as Storm names them). */
export interface HandshakeContext {
  'task->component': Record<string, string>;
  taskid: number;
  componentid: string;
  streams?: string[];
  'stream->outputfields'?: Record<string, string[]>;
  'stream->target->grouping'?: Record<string, Record<string, ContextGrouping>>;
  'source->stream->grouping'?: Record<string, Record<string, ContextGrouping>>;
  'source->stream->fields'?: Record<string, Record<string, string[]>>;
}

export interface Handshake {
  pidDir: string;
  conf: Record<string, unknown>;
  context: HandshakeContext;
}

export type TupleId = string | number;

/** A command Storm sends to a spout. Each is answered by zero or more emits/logs and exactly one sync. */
export type SpoutCommand =
  | { command: 'next' }
  | { command: 'ack'; id: TupleId }
  | { command: 'fail'; id: TupleId }
  | { command: 'activate' }
  | { command: 'deactivate' };

/** A tuple Storm sends to a bolt (also heartbeats and ticks, told apart by stream). */
export interface TupleMessage {
  id: string;
  comp: string | null;
  stream: string;
  task: number;
  tuple: unknown[];
}

/** Storm's answer to an emit with need_task_ids: the receiving task ids. */
export type TaskIds = number[];

export const HEARTBEAT_STREAM = '__heartbeat';
export const TICK_STREAM = '__tick';
export const SYSTEM_COMPONENT = '__system';

/** Log levels as the protocol numbers them (Storm honours them with stp's serializer, or its own from 2.8.1). */
export const LOG_LEVELS = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 } as const;
export type LogLevel = keyof typeof LOG_LEVELS;

export interface EmitCommand {
  command: 'emit';
  tuple: unknown[];
  stream?: string;
  /** Bolts: the ids of the input tuples this one is anchored to. */
  anchors?: string[];
  /** Spouts: the message id; omitted for an unreliable emit. */
  id?: TupleId;
  /** Direct emit: the receiving task. */
  task?: number;
  need_task_ids?: boolean;
}

/** A message a component sends to Storm. */
export type ComponentMessage =
  | { pid: number }
  | EmitCommand
  | { command: 'ack'; id: string }
  | { command: 'fail'; id: string }
  | { command: 'sync' }
  | { command: 'log'; msg: string; level?: number }
  | { command: 'error'; msg: string }
  | { command: 'metrics'; name: string; params: unknown }
  | { command: 'reset_timeout'; id: string };
