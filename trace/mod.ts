/**
 * The tracer and its sinks.
 *
 * @module
 */
export { type TraceFilterFn, Tracer, type TracerOptions } from "./tracer.ts";
export type { TraceFilters } from "./filters.ts";
export {
  type EventBindings,
  type EventRecord,
  type EventSource,
  Port,
  PORT_NAMES,
  type PortName,
  toRecord,
  TraceEvent,
  TraceRun,
} from "./events.ts";
export type { TraceSink } from "./sinks/sink.ts";
export type { SinkErrorPolicy, SinkFailure, SinkFailurePhase } from "./_sink_set.ts";
export { type CollectorOptions, CollectorSink } from "./sinks/collector.ts";
export { NullSink } from "./sinks/null.ts";
export { type PrettyOptions, PrettySink } from "./sinks/pretty.ts";
export { JSONL_VERSION, type JsonlOptions, JsonlSink } from "./sinks/jsonl.ts";
export type { OutputOptions, OutputTarget, SyncWriter } from "./sinks/_output.ts";
export { GoalSnapshot, HistoryReader, RunContext } from "./snapshot.ts";
export type { BindingLog } from "../engine/unify.ts";
