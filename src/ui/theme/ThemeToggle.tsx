/** The header's theme button: cycles system → light → dark; its icon shows the current choice. */
import { nextPreference, type ThemePreference } from "./preference";
import { setThemePreference, useThemePreference } from "./theme";

const NAMES: Record<ThemePreference, string> = {
  system: "system",
  light: "light",
  dark: "dark",
};

function Icon({ preference }: { preference: ThemePreference }) {
  if (preference === "light")
    return (
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <circle cx="8" cy="8" r="3" fill="currentColor" />
        <path
          d="M8 1.5v1.6M8 12.9v1.6M1.5 8h1.6M12.9 8h1.6M3.4 3.4l1.1 1.1M11.5 11.5l1.1 1.1M3.4 12.6l1.1-1.1M11.5 4.5l1.1-1.1"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinecap="round"
        />
      </svg>
    );
  if (preference === "dark")
    return (
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M13.5 10.2A5.8 5.8 0 0 1 5.8 2.5a5.8 5.8 0 1 0 7.7 7.7z" fill="currentColor" />
      </svg>
    );
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <rect
        x="1.8"
        y="2.5"
        width="12.4"
        height="8.5"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      />
      <path d="M5.5 13.8h5M8 11v2.8" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      <path d="M8 4.3a2.5 2.5 0 0 1 0 5z" fill="currentColor" />
    </svg>
  );
}

/** The toggle (data-testid theme-toggle, data-preference the current choice). */
export function ThemeToggle() {
  const preference = useThemePreference();
  const next = nextPreference(preference);
  const label = `Theme: ${NAMES[preference]} (switch to ${NAMES[next]})`;
  return (
    <button
      type="button"
      className="icon-btn theme-toggle"
      data-testid="theme-toggle"
      data-preference={preference}
      aria-label={label}
      title={label}
      onClick={() => setThemePreference(next)}
    >
      <Icon preference={preference} />
    </button>
  );
}
