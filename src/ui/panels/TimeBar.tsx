/** Simulated time: play/pause, speed, step, jump ahead, and the clock. */
import { request, send } from "../bridge/bridge";
import { useStore } from "../store";

const SPEEDS = [1, 10, 60];

function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${h ? `${h}h` : ""}${pad(m)}m${pad(s % 60)}s`;
}

/** The time controls in the header. */
export function TimeBar() {
  const clock = useStore((s) => s.clock);
  const time = new Date(clock.now).toISOString().slice(11, 19);
  return (
    <div className="timebar">
      <button
        type="button"
        className="icon-btn play"
        data-testid="play-pause"
        aria-label={clock.playing ? "Pause" : "Play"}
        aria-pressed={clock.playing}
        onClick={() => send({ type: clock.playing ? "pause" : "play" })}
      >
        {clock.playing ? (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
            <rect x="3.5" y="2.5" width="3" height="11" rx="1" />
            <rect x="9.5" y="2.5" width="3" height="11" rx="1" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
            <path d="M4 2.5v11l9.5-5.5z" />
          </svg>
        )}
      </button>
      <div className="segmented">
        {SPEEDS.map((x) => (
          <button
            key={x}
            type="button"
            aria-pressed={clock.speed === x}
            title={`Speed ${x}x`}
            className={clock.speed === x ? "on" : ""}
            onClick={() => send({ type: "speed", speed: x })}
          >
            {x}x
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn btn-ghost"
        title="Advance 1 second"
        onClick={() => request({ type: "advance", seconds: 1 })}
      >
        Step
      </button>
      <button
        type="button"
        className="btn btn-ghost advance-minute"
        onClick={() => request({ type: "advance", seconds: 60 })}
      >
        +1 min
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => request({ type: "advance", seconds: 300 })}
      >
        +5 min
      </button>
      <div className="clock" data-testid="clock" title={new Date(clock.now).toISOString()}>
        <span className="clock-time">{time}</span>
        <span className="clock-elapsed">T+{elapsed(clock.now - clock.start)}</span>
      </div>
    </div>
  );
}
