// The terminal view of `stp bundle`: each finished component file once (Static), then the current state.
import { Box, Static, Text } from 'ink';
import { useEffect, useState } from 'react';
import { subscribe, type TypedEventEmitter } from '../../lib/events.js';
import type { BundledComponent, BundleEvents } from '../../lib/bundle/component-bundle.js';
import { bundledLine, bundleSummary } from '../../lib/topology/bundle-report.js';

export interface BundleViewState {
  readonly topology: string;
  readonly componentIds: readonly string[];
  readonly done: readonly BundledComponent[];
  readonly summary?: { readonly outDir: string; readonly ms: number };
}

export function BundleView({ state, color }: { state: BundleViewState; color: boolean }) {
  return (
    <Box flexDirection="column">
      <Static items={[...state.done]}>
        {(c) => (
          <Text key={c.componentId}>
            <Text {...(color ? { color: 'green' } : {})}>✓ </Text>
            {bundledLine(`${c.componentId}.js`, c.bytes)}
          </Text>
        )}
      </Static>
      {state.summary ? (
        <Text bold={color}>{bundleSummary(state.topology, state.done.length, state.summary.outDir, state.summary.ms)}</Text>
      ) : (
        <Text {...(color ? { color: 'yellow' } : {})}>
          bundling {state.componentIds.length} component(s) of {state.topology || 'the topology'}…
        </Text>
      )}
    </Box>
  );
}

/** Feeds BundleView from the bundler's events. */
export function BundleApp({ events, color }: { events: TypedEventEmitter<BundleEvents>; color: boolean }) {
  const [state, setState] = useState<BundleViewState>({ topology: '', componentIds: [], done: [] });
  useEffect(() => {
    const onStart: BundleEvents['bundle:start'] = (e) => setState((s) => ({ ...s, topology: e.topology, componentIds: e.componentIds }));
    const onComponent: BundleEvents['bundle:component'] = (c) => setState((s) => ({ ...s, done: [...s.done, c] }));
    const onDone: BundleEvents['bundle:done'] = (r) => setState((s) => ({ ...s, summary: { outDir: r.outDir, ms: r.ms } }));
    return subscribe(events, { 'bundle:start': onStart, 'bundle:component': onComponent, 'bundle:done': onDone });
  }, [events]);
  return <BundleView state={state} color={color} />;
}
