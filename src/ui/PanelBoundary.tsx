/**
 * A React error boundary around one panel: an object the panel cannot render (a restored pod
 * whose fields are not what their types say, a bug) takes down that panel only, which says so
 * and offers to try again, instead of unmounting the whole page.
 */
import { Component, type ErrorInfo, type ReactNode } from "react";

interface Props {
  /** The panel's name, as the fallback says it ("Canvas", "Terminal"). */
  name: string;
  children: ReactNode;
}

interface State {
  error?: Error;
}

/** Catches what a panel throws while rendering and shows a small fallback in its place. */
export class PanelBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} panel failed:`, error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <strong>{this.props.name} failed to render.</strong> <span>{error.message}</span>{" "}
        <button type="button" className="btn btn-ghost" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
