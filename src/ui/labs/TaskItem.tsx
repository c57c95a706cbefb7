/** One task of the active lab: its text and state, an answer box or Check, hints and reasons. */
import { useState } from "react";
import type { LabView } from "../../worker/protocol";
import { useStore } from "../store";
import { labActions } from "./actions";

type TaskView = LabView["tasks"][number];

const STATE_LABEL = { todo: "to do", done: "done", failed: "not yet" } as const;

/** Stable keys for steps that may repeat (`sleep 5` twice): the command and its occurrence. */
function stepKeys(steps: string[]): [string, string][] {
  const seen = new Map<string, number>();
  return steps.map((command) => {
    const n = (seen.get(command) ?? 0) + 1;
    seen.set(command, n);
    return [`${command}#${n}`, command];
  });
}

const PLACEHOLDER = { number: "a number", name: "a name", image: "an image", list: "a, b, c" } as const;

/** A task (props only; the message comes from the store by task id). */
export function TaskItem({
  task,
  index,
  exam,
  locked,
  current,
}: {
  task: TaskView;
  index: number;
  /** An exam is running: no hints. */
  exam: boolean;
  /** The exam is over: nothing more is checked. */
  locked: boolean;
  current: boolean;
}) {
  const message = useStore((s) => s.labMessages[task.id]);
  const [answer, setAnswer] = useState(task.answer ?? "");
  const [showSolution, setShowSolution] = useState(false);
  const done = task.state === "done";
  // Only the current task takes an answer or a Check, so each control is there once at a time.
  const open = !done && !locked && current;
  const reasons = message ? [message] : task.reasons;
  return (
    <li
      className={`lab-task lab-task-${task.state}${current ? " lab-task-current" : ""}`}
      data-testid="lab-task"
      data-task={task.id}
      data-state={task.state}
    >
      <div className="lab-task-head">
        <span className="lab-task-mark" title={STATE_LABEL[task.state]}>
          {done ? "✓" : index + 1}
        </span>
        <span className="lab-task-text">{task.text}</span>
      </div>
      {task.kind === "question" && (open || done) ? (
        <form
          className="lab-answer-row"
          onSubmit={(e) => {
            e.preventDefault();
            void labActions.answer(task.id, answer);
          }}
        >
          <input
            className="input"
            data-testid="lab-answer"
            aria-label={`Answer: ${task.text}`}
            placeholder={PLACEHOLDER[task.answerType ?? "name"]}
            value={done ? (task.answer ?? answer) : answer}
            disabled={!open}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {open && (
            <button type="submit" className="btn" data-testid="lab-check">
              Check
            </button>
          )}
        </form>
      ) : (
        open && (
          <div className="lab-answer-row">
            <button
              type="button"
              className="btn"
              data-testid="lab-check"
              onClick={() => void labActions.check(task.id)}
            >
              Check
            </button>
          </div>
        )
      )}
      {!done && reasons.length > 0 && task.state === "failed" && (
        <ul className="lab-reasons" data-testid="lab-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {task.hints.length > 0 && (
        <ul className="lab-hints">
          {task.hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
      {showSolution && (
        <ol className="lab-solution" data-testid="lab-solution">
          {stepKeys(task.solution).map(([key, command], i) => (
            <li key={key} className={i < task.stepsRun ? "lab-step-run" : undefined}>
              <pre>{command}</pre>
            </li>
          ))}
        </ol>
      )}
      {!done && (task.solution.length > 0 || (open && !exam && task.hints.length < task.hintCount)) && (
        <div className="lab-task-tools">
          {task.solution.length > 0 && (
            <button
              type="button"
              className="btn btn-ghost lab-hint"
              data-testid="lab-show-solution"
              aria-pressed={showSolution}
              onClick={() => setShowSolution(!showSolution)}
            >
              {showSolution ? "Hide solution" : "Show solution"}
            </button>
          )}
          {open && !exam && task.hints.length < task.hintCount && (
            <button
              type="button"
              className="btn btn-ghost lab-hint"
              data-testid="lab-hint"
              onClick={() => labActions.hint(task.id)}
            >
              Hint ({task.hints.length + 1}/{task.hintCount})
            </button>
          )}
        </div>
      )}
    </li>
  );
}
