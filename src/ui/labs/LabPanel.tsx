/**
 * The lab panel: a picker of labs, then the active lab's tasks with Check, hints, the solution
 * step by step, and for a mock exam a timer and the score. It renders the worker's LabView; every
 * button sends a command (labs/actions.ts).
 */
import { useEffect, useState } from "react";
import type { LabView } from "../../worker/protocol";
import { useStore } from "../store";
import { labActions } from "./actions";
import { TaskItem } from "./TaskItem";
import "./labs.css";

function LabPicker() {
  const all = useStore((s) => s.labs);
  // Practice labs first, the mock exams after them.
  const labs = [...all].sort((a, b) => Number(!!a.exam) - Number(!!b.exam));
  return (
    <>
      <h2>Labs</h2>
      <ul className="lab-list">
        {labs.map((l) => (
          <li key={l.id}>
            <button
              type="button"
              className="lab-item"
              data-testid="lab-item"
              data-lab={l.id}
              title={`${l.title}: ${l.tasks} tasks${l.exam ? `, a ${l.exam}-minute exam` : ""}. Starts on a fresh cluster (the current one is kept as the previous cluster).`}
              onClick={() => void labActions.start(l.id)}
            >
              <span className="lab-item-title">{l.title}</span>
              {l.exam && <span className="lab-item-meta">{l.exam} min</span>}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** mm:ss left until endsAt, ticking each second. */
function Timer({ endsAt }: { endsAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, Math.ceil((endsAt - now) / 1000));
  const text = `${String(Math.floor(left / 60)).padStart(2, "0")}:${String(left % 60).padStart(2, "0")}`;
  return (
    <span
      className={`lab-timer${left < 60 ? " lab-timer-low" : ""}`}
      data-testid="lab-timer"
      title="Time left"
    >
      {text}
    </span>
  );
}

function ScoreView({ view }: { view: LabView }) {
  const score = view.exam?.score;
  if (!score) return null;
  const missed = score.tasks.filter((t) => t.earned < t.points);
  return (
    <div className="lab-score" data-testid="lab-score">
      <strong>
        Score {score.earned}/{score.total}
      </strong>
      {missed.length > 0 && (
        <ul>
          {missed.map((t) => (
            <li key={t.id}>
              <code>{t.id}</code>: {t.reasons.join("; ") || "not done"}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ActiveLab({ view }: { view: LabView }) {
  const [stepping, setStepping] = useState(false);
  const exam = view.exam;
  // The task a learner is on: the first one not done yet.
  const currentTask = view.tasks.find((t) => t.state !== "done")?.id;
  const examRunning = exam && !exam.over;
  const runStep = async () => {
    setStepping(true);
    try {
      await labActions.runStep();
    } finally {
      setStepping(false);
    }
  };
  return (
    <>
      <div className="lab-head">
        <h2>{exam ? "Exam" : "Lab"}</h2>
        <span className="lab-progress" data-testid="lab-progress">
          {view.done}/{view.tasks.length}
        </span>
        {examRunning && <Timer endsAt={exam.endsAt} />}
        <button
          type="button"
          className="icon-btn"
          aria-label="Leave the lab"
          title="Leave the lab"
          onClick={labActions.quit}
        >
          ×
        </button>
      </div>
      <div className="lab-title" data-testid="lab-title">
        {view.title}
      </div>
      {view.description && <p className="lab-description">{view.description}</p>}
      <ol className="lab-tasks" data-current={currentTask}>
        {view.tasks.map((t, i) => (
          <TaskItem
            key={t.id}
            task={t}
            index={i}
            exam={!!examRunning}
            locked={!!exam?.over}
            current={t.id === currentTask}
          />
        ))}
      </ol>
      <ScoreView view={view} />
      <div className="lab-actions">
        {!exam?.over && (
          <button
            type="button"
            className="btn"
            data-testid="lab-check-all"
            onClick={() => void labActions.check()}
          >
            Check all
          </button>
        )}
        {examRunning ? (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="lab-finish"
            onClick={labActions.finish}
          >
            Finish exam
          </button>
        ) : (
          <button
            type="button"
            className="btn"
            data-testid="lab-run-step"
            disabled={!view.nextStep || stepping}
            title={
              view.nextStep?.command ? `Runs: ${view.nextStep.command.split("\n")[0]}` : "Gives the answer"
            }
            onClick={() => void runStep()}
          >
            Run next step
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="lab-reset"
          title="Start this lab again on a fresh cluster"
          onClick={() => void labActions.start(view.id)}
        >
          Reset lab
        </button>
      </div>
    </>
  );
}

/** The lab panel (sidebar). */
export function LabPanel() {
  const view = useStore((s) => s.labView);
  return (
    <section className="sidebar-section lab-panel" data-testid="lab-panel" aria-label="Labs">
      {view ? <ActiveLab view={view} /> : <LabPicker />}
    </section>
  );
}
