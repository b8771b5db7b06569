/**
 * The Byrd-box sequence rules of `docs/TRACE_FORMAT.md` §2, checked on the
 * events of one run (shared by `tracer_test.ts` and `random_trace_test.ts`);
 * the parent's depth is looked up in a map, so runs of thousands of nested
 * boxes check quickly.
 *
 * @module
 */
import type { EventRecord } from "../../mod.ts";

/**
 * Checks the Byrd-box sequence rules on one run's events (no filters).
 *
 * @param events The events of one run (one run id and query id), in order.
 * @returns A description of the first problem, or null.
 */
export function sequenceProblem(events: EventRecord[]): string | null {
  type State = "new" | "active" | "exited" | "exitedDet" | "ended";
  const state = new Map<number, State>();
  const parent = new Map<number, number>();
  const depth = new Map<number, number>();
  let sid = 0;
  for (const ev of events) {
    sid++;
    if (ev.stepId !== sid) return `step ids not consecutive at ${ev.stepId}`;
    const st = state.get(ev.invocationId) ?? "new";
    switch (ev.port) {
      case "call":
        if (st !== "new") return `second call of box ${ev.invocationId}`;
        if (ev.parentId !== 0 && state.get(ev.parentId) !== "active") {
          return `box ${ev.invocationId} called while parent ${ev.parentId} is ${
            state.get(ev.parentId)
          }`;
        }
        parent.set(ev.invocationId, ev.parentId);
        depth.set(ev.invocationId, ev.depth);
        state.set(ev.invocationId, "active");
        break;
      case "exit":
        if (st !== "active") return `exit of box ${ev.invocationId} in state ${st}`;
        state.set(ev.invocationId, ev.det ? "exitedDet" : "exited");
        break;
      case "redo": {
        if (st !== "exited") return `redo of box ${ev.invocationId} in state ${st}`;
        const p = parent.get(ev.invocationId)!;
        if (p !== 0 && state.get(p) !== "active") {
          return `redo of ${ev.invocationId} inside inactive parent`;
        }
        state.set(ev.invocationId, "active");
        break;
      }
      case "fail":
      case "exception":
        if (st !== "active") return `${ev.port} of box ${ev.invocationId} in state ${st}`;
        state.set(ev.invocationId, "ended");
        break;
    }
    if (ev.parentId !== 0 && ev.depth !== depth.get(ev.parentId)! + 1) {
      return `depth of ${ev.invocationId} is not its parent's + 1`;
    }
  }
  return null;
}
