/** Where the workspace keeps its pane sizes: localStorage, under kubeglass.layout.*, failing quietly. */
import type { LayoutStorage } from "react-resizable-panels";

const PREFIX = "kubeglass.layout.";

/** localStorage under the layout prefix; a storage that is full or disabled keeps nothing. */
export const layoutStorage: LayoutStorage = {
  getItem(key) {
    try {
      return localStorage.getItem(PREFIX + key);
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    try {
      localStorage.setItem(PREFIX + key, value);
    } catch {
      // Nothing else to do: the layout is a preference.
    }
  },
};
